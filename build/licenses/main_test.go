package main

import (
	"os"
	"path/filepath"
	"testing"
)

func TestClassify(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, text, want string
	}{
		{"mit", "Copyright (c) 2019 A\n\nPermission is hereby granted, free of charge, to any person", "MIT"},
		{"mit wrapped differently", "Permission is hereby granted,\nfree of\tcharge, to any person", "MIT"},
		{"apache", "                                 Apache License\n                           Version 2.0, January 2004", "Apache-2.0"},
		{"bsd 3 clause", "Redistribution and use in source and binary forms, with or without\n... * Neither the name of Google Inc. nor", "BSD-3-Clause"},
		{"bsd 3 clause without a name", "Redistribution and use in source and binary forms ... the copyright holder nor the names of its contributors may be used to endorse or promote", "BSD-3-Clause"},
		{"bsd 2 clause", "Redistribution and use in source and binary forms, with or without modification, are permitted", "BSD-2-Clause"},
		{"isc", "Permission to use, copy, modify, and/or distribute this software for any", "ISC"},
		{"mpl", "Mozilla Public License Version 2.0\n==================================", "MPL-2.0"},
		{"unlicense", "This is free and unencumbered software released into the public domain.", "Unlicense"},
		{"gpl is not guessed", "GNU GENERAL PUBLIC LICENSE Version 3, 29 June 2007", "unknown"},
		{"empty", "", "unknown"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := Classify(tt.text); got != tt.want {
				t.Errorf("Classify(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

// TestGoStandardLibrary checks the one licence every binary ships: Go's,
// read from GOROOT.
func TestGoStandardLibrary(t *testing.T) {
	t.Parallel()
	text, err := licenseFile(goEnv(".", "GOROOT"))
	if err != nil {
		t.Skipf("no GOROOT/LICENSE here: %v", err)
	}
	if got := Classify(text); got != "BSD-3-Clause" {
		t.Errorf("Classify(GOROOT/LICENSE) = %q, want BSD-3-Clause", got)
	}
}

// TestNPMPackagesLeaveOutDevAndPeer: only what the bundle may hold is
// listed; a package the bundle replaces with nothing (package.json's
// notShipped, which vite.config.ts reads too) is not.
func TestNPMPackagesLeaveOutDevAndPeer(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	lock := `{"lockfileVersion": 3, "packages": {
		"": {"name": "app"},
		"node_modules/media-chrome": {"version": "4.19.4", "license": "MIT"},
		"node_modules/@scope/lib": {"version": "1.0.0", "license": "ISC"},
		"node_modules/vite": {"version": "8.0.0", "license": "MIT", "dev": true},
		"node_modules/react": {"version": "19.0.0", "license": "MIT", "peer": true},
		"node_modules/rvfc-polyfill": {"version": "1.0.8", "license": "GPL-3.0"}}}`
	if err := os.WriteFile(filepath.Join(dir, "package-lock.json"), []byte(lock), 0o644); err != nil {
		t.Fatal(err)
	}
	manifest := `{"name": "app", "notShipped": {"rvfc-polyfill": "the engines have it"}}`
	if err := os.WriteFile(filepath.Join(dir, "package.json"), []byte(manifest), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := npmPackages(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"@scope/lib 1.0.0 ISC", "media-chrome 4.19.4 MIT"}
	if len(got) != len(want) {
		t.Fatalf("npmPackages = %+v, want %v", got, want)
	}
	for i, p := range got {
		if s := p.Name + " " + p.Version + " " + p.License; s != want[i] {
			t.Errorf("package %d = %q, want %q", i, s, want[i])
		}
	}
}
