package main

import (
	"strings"
	"testing"
)

// TestWriteCopyright checks the DEP-5 file of the Debian package (issue
// 12, lintian: no-copyright-file): one paragraph per package, its own
// copyright lines, its licence text as continuation lines, common licences
// pointed at rather than copied.
func TestWriteCopyright(t *testing.T) {
	t.Parallel()
	list := List{Packages: []Package{
		{Kind: "go", Name: "github.com/a/b", Version: "v1.0.0", License: "BSD-3-Clause",
			Text: "Copyright (c) 2020 A B. All rights reserved.\n\nRedistribution and use ...\n   * Redistributions of source code must retain the above\ncopyright notice, this list\n"},
		{Kind: "npm", Name: "hls.js", Version: "1.7.4", License: "Apache-2.0", Text: "Apache License\nVersion 2.0\n"},
		{Kind: "go", Name: "github.com/c/d", Version: "v0.1.0", License: "Apache-2.0", Text: "Apache License\n"},
	}}
	var b strings.Builder
	if err := writeCopyright(&b, Upstream{Name: "Reel", Contact: "Reel maintainers <m@example.org>"}, list); err != nil {
		t.Fatal(err)
	}
	got := b.String()
	paras := strings.Split(strings.TrimSuffix(got, "\n"), "\n\n")
	if len(paras) != 5 {
		t.Fatalf("%d paragraphs, want header, Reel and 3 packages:\n%s", len(paras), got)
	}
	tests := []struct {
		name string
		para int
		want []string // lines the paragraph must hold
		not  []string // and must not
	}{
		{"header", 0, []string{"Format: " + dep5Format, "Upstream-Name: Reel", "Upstream-Contact: Reel maintainers <m@example.org>"}, nil},
		{"reel without a licence is not given one", 1, []string{"Files: *", "Copyright: Reel maintainers", "License: none"}, nil},
		{"bsd text and notice", 2, []string{
			"Files: github.com/a/b/*",
			"Copyright: Copyright (c) 2020 A B. All rights reserved.",
			"License: BSD-3-Clause",
			" Copyright (c) 2020 A B. All rights reserved.",
			" .",
			"    * Redistributions of source code must retain the above",
		}, []string{"Copyright: copyright notice", " copyright notice, this list\n .\n"}},
		{"apache points at common-licenses", 3, []string{
			"Files: frontend/node_modules/hls.js/*",
			"Copyright: the authors of hls.js",
			"Comment: hls.js 1.7.4, bundled into the page inside /usr/bin/reel",
			"License: Apache-2.0",
			" On Debian systems, the full text of the Apache-2.0 licence is in /usr/share/common-licenses/Apache-2.0.",
		}, []string{" Apache License"}},
		{"go module", 4, []string{"Files: github.com/c/d/*", "Comment: github.com/c/d v0.1.0, linked into /usr/bin/reel"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := paras[tt.para] + "\n"
			for _, w := range tt.want {
				if !strings.Contains(p, w+"\n") {
					t.Errorf("paragraph %d: no line %q in\n%s", tt.para, w, p)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(p, n) {
					t.Errorf("paragraph %d: holds %q:\n%s", tt.para, n, p)
				}
			}
			for _, l := range strings.Split(strings.TrimSuffix(p, "\n"), "\n") {
				if l == "" || strings.TrimSpace(l) == "" {
					t.Errorf("paragraph %d: a blank line inside it ends it early: %q", tt.para, l)
				}
			}
		})
	}
	if strings.Contains(got, "\n\n\n") || !strings.HasSuffix(got, "\n") || strings.HasSuffix(got, "\n\n") {
		t.Errorf("paragraphs are not separated by exactly one blank line:\n%s", got)
	}
}

func TestValidContact(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want bool
	}{
		{"Reel maintainers <maintainers@example.org>", true},
		{"Reel maintainers", false}, // lintian: malformed-contact
		{"<a@example.org>", false},
		{"Reel <a@example.org", false},
		{"Reel <a@>", false},
		{"Reel <@example.org>", false},
		{"Reel <a b@example.org>", false},
		{"Reel <a@localhost>", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := validContact(tt.in); got != tt.want {
			t.Errorf("validContact(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
