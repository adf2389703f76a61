// Command licenses lists what a Reel binary ships, with each licence, for
// the About box: the Go modules linked into the binary (from `go list
// -deps` over go.mod, for the target GOOS and the tags Wails builds with),
// Go's own standard library, and the npm packages the page bundles (from
// frontend/package-lock.json, leaving out development tools and peer
// packages nothing installs for Reel).
//
//	go run ./build/licenses -o frontend/public/licenses.json
//
// The Makefile runs it before each build, so the list never goes stale.
// With -copyright it also writes the Debian package's copyright file from
// the same list (copyright.go), so the package and the About box agree:
//
//	go run ./build/licenses -o frontend/public/licenses.json \
//		-copyright dist/stage/copyright -contact "Reel maintainers <address>"
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
)

// Package is one thing Reel ships, as the About box shows it.
type Package struct {
	// Kind is "go" or "npm".
	Kind    string `json:"kind"`
	Name    string `json:"name"`
	Version string `json:"version"`
	// License is an SPDX identifier, or "unknown".
	License string `json:"license"`
	// Text is the licence file as the package ships it; "" when it has none.
	Text string `json:"text,omitempty"`
}

// List is the file the page reads.
type List struct {
	GOOS     string    `json:"goos"`
	Packages []Package `json:"packages"`
}

func main() {
	out := flag.String("o", "", "write the list here (default: standard output)")
	dir := flag.String("C", ".", "the module's directory")
	tags := flag.String("tags", "desktop production webkit2_41", "build tags, as `wails build` passes them")
	goos := flag.String("goos", runtime.GOOS, "the platform the binary is built for")
	copyright := flag.String("copyright", "", "also write the Debian copyright file (DEP-5) `here`")
	contact := flag.String("contact", "", "the copyright file's Upstream-Contact, `\"Name <address>\"`")
	own := flag.String("license", "", "Reel's own licence, an SPDX `name`; none when empty")
	flag.Parse()
	up := Upstream{Name: "Reel", Contact: *contact, License: *own}
	if *copyright != "" && !validContact(*contact) {
		fmt.Fprintf(os.Stderr, "licenses: -contact %q: want \"Name <address>\"\n", *contact)
		os.Exit(2)
	}
	if err := run(*dir, *tags, *goos, *out, *copyright, up); err != nil {
		fmt.Fprintln(os.Stderr, "licenses:", err)
		os.Exit(1)
	}
}

func run(dir, tags, goos, out, copyright string, up Upstream) error {
	goPkgs, err := goModules(dir, tags, goos)
	if err != nil {
		return err
	}
	npmPkgs, err := npmPackages(filepath.Join(dir, "frontend"))
	if err != nil {
		return err
	}
	list := List{GOOS: goos, Packages: append(goPkgs, npmPkgs...)}
	var unknown []string
	for _, p := range list.Packages {
		if p.License == "unknown" {
			unknown = append(unknown, p.Name)
		}
	}
	if len(unknown) > 0 {
		// A package whose licence cannot be named must be looked at by a
		// person before Reel ships it.
		return fmt.Errorf("cannot tell the licence of %s", strings.Join(unknown, ", "))
	}
	if copyright != "" {
		if err := writeFile(copyright, func(w io.Writer) error { return writeCopyright(w, up, list) }); err != nil {
			return err
		}
	}
	data, err := json.MarshalIndent(list, "", " ")
	if err != nil {
		return err
	}
	if out == "" {
		_, err = os.Stdout.Write(append(data, '\n'))
		return err
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	return os.WriteFile(out, append(data, '\n'), 0o644)
}

// goModules lists the modules whose packages the main package imports,
// directly or not, plus the standard library.
func goModules(dir, tags, goos string) ([]Package, error) {
	cmd := exec.Command("go", "list", "-deps", "-tags", tags,
		"-f", "{{if .Module}}{{if not .Module.Main}}{{.Module.Path}}\t{{.Module.Version}}\t{{.Module.Dir}}{{end}}{{end}}", ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOOS="+goos)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list: %v: %s", err, stderr.Bytes())
	}
	seen := map[string]bool{}
	var pkgs []Package
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) != 3 || seen[f[0]] {
			continue
		}
		seen[f[0]] = true
		text, err := licenseFile(f[2])
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f[0], err)
		}
		pkgs = append(pkgs, Package{Kind: "go", Name: f[0], Version: f[1], License: Classify(text), Text: text})
	}
	sort.Slice(pkgs, func(i, j int) bool { return pkgs[i].Name < pkgs[j].Name })

	goroot := goEnv(dir, "GOROOT")
	text, err := licenseFile(goroot)
	if err != nil {
		return nil, fmt.Errorf("the Go standard library: %w", err)
	}
	std := Package{Kind: "go", Name: "Go standard library", Version: goEnv(dir, "GOVERSION"), License: Classify(text), Text: text}
	return append([]Package{std}, pkgs...), nil
}

// writeFile writes a file through write, creating its folder.
func writeFile(path string, write func(io.Writer) error) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// validContact reports whether s reads "Name <local@domain>", the form
// Debian's Maintainer and Upstream-Contact fields take (lintian:
// malformed-contact).
func validContact(s string) bool {
	open, end := strings.Index(s, " <"), len(s)-1
	if open <= 0 || end < 0 || s[end] != '>' {
		return false
	}
	addr := s[open+2 : end]
	at := strings.Index(addr, "@")
	return at > 0 && at < len(addr)-1 && !strings.ContainsAny(addr, " <>") && strings.Contains(addr[at:], ".")
}

func goEnv(dir, key string) string {
	cmd := exec.Command("go", "env", key)
	cmd.Dir = dir
	out, _ := cmd.Output()
	return strings.TrimSpace(string(out))
}

// licenseNames are the file names a licence goes by, in order of preference.
var licenseNames = []string{"LICENSE", "LICENSE.md", "LICENSE.txt", "LICENCE", "COPYING", "LICENSE-MIT", "license", "license.md"}

// licenseFile reads the licence file at the top of dir; a module without
// one is an error, since its terms cannot be shown.
func licenseFile(dir string) (string, error) {
	for _, n := range licenseNames {
		b, err := os.ReadFile(filepath.Join(dir, n))
		if err == nil {
			return string(b), nil
		}
		if !errors.Is(err, os.ErrNotExist) {
			return "", err
		}
	}
	return "", fmt.Errorf("no licence file in %s", dir)
}

// lockFile is the part of package-lock.json (lockfileVersion 2 and 3) read here.
type lockFile struct {
	Packages map[string]struct {
		Version string `json:"version"`
		License string `json:"license"`
		Dev     bool   `json:"dev"`
		Peer    bool   `json:"peer"`
	} `json:"packages"`
}

// manifest is the part of the frontend's package.json read here:
// notShipped names the packages a dependency imports that the bundle
// replaces with nothing (vite.config.ts), each with its reason.
type manifest struct {
	NotShipped map[string]string `json:"notShipped"`
}

// npmPackages lists the packages the page's bundle may contain: those of
// the lock file that are neither development tools, nor optional peers,
// nor named in package.json's notShipped.
func npmPackages(frontend string) ([]Package, error) {
	b, err := os.ReadFile(filepath.Join(frontend, "package-lock.json"))
	if err != nil {
		return nil, err
	}
	var lock lockFile
	if err := json.Unmarshal(b, &lock); err != nil {
		return nil, fmt.Errorf("package-lock.json: %w", err)
	}
	b, err = os.ReadFile(filepath.Join(frontend, "package.json"))
	if err != nil {
		return nil, err
	}
	var m manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("package.json: %w", err)
	}
	var pkgs []Package
	for key, p := range lock.Packages {
		if key == "" || p.Dev || p.Peer {
			continue // "" is the frontend itself
		}
		name := key[strings.LastIndex(key, "node_modules/")+len("node_modules/"):]
		if _, ok := m.NotShipped[name]; ok {
			continue
		}
		license := p.License
		text, _ := licenseFile(filepath.Join(frontend, key))
		if license == "" {
			license = Classify(text)
		}
		pkgs = append(pkgs, Package{Kind: "npm", Name: name, Version: p.Version, License: license, Text: text})
	}
	sort.Slice(pkgs, func(i, j int) bool { return pkgs[i].Name < pkgs[j].Name })
	return pkgs, nil
}

// Classify names the licence of a licence file by the sentences that set
// each one apart, or answers "unknown".
func Classify(text string) string {
	t := strings.Join(strings.Fields(text), " ") // line breaks differ between copies
	has := func(s string) bool { return strings.Contains(t, s) }
	switch {
	case has("Apache License") && has("Version 2.0"):
		return "Apache-2.0"
	case has("Mozilla Public License") && (has("Version 2.0") || has("version 2.0")):
		return "MPL-2.0"
	case has("Permission is hereby granted, free of charge"):
		return "MIT"
	case has("Permission to use, copy, modify, and/or distribute this software"),
		has("Permission to use, copy, modify, and distribute this software for any purpose with or without fee"):
		return "ISC"
	case has("Redistribution and use in source and binary forms"):
		if has("Neither the name") || has("may be used to endorse or promote") {
			return "BSD-3-Clause"
		}
		return "BSD-2-Clause"
	case has("This is free and unencumbered software released into the public domain"):
		return "Unlicense"
	}
	return "unknown"
}
