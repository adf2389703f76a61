package main

import (
	"fmt"
	"io"
	"strings"
)

// The Debian package's copyright file (/usr/share/doc/reel/copyright),
// written from the same list as the About box so the two never disagree:
// machine-readable, format 1.0 (DEP-5),
// https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/.

// dep5Format is the Format: line DEP-5 asks for.
const dep5Format = "https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"

// commonLicenses are the licences Debian ships in /usr/share/common-licenses,
// which a copyright file names instead of copying (Debian Policy 12.5).
// BSD is left out: Debian's copy is the Regents' text, not each package's.
var commonLicenses = map[string]string{
	"Apache-2.0": "Apache-2.0",
	"MPL-2.0":    "MPL-2.0",
}

// Upstream is what the copyright file says of Reel itself.
type Upstream struct {
	Name    string // Upstream-Name
	Contact string // Upstream-Contact and Reel's own copyright holder: "Name <address>"
	// License is Reel's own licence, an SPDX name, "" while it has none.
	License string
}

// writeCopyright writes the DEP-5 copyright file: a paragraph for Reel's
// own files, then one per package the binary ships, with its copyright
// lines and its licence's text as the package has it.
func writeCopyright(w io.Writer, up Upstream, list List) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Format: %s\nUpstream-Name: %s\nUpstream-Contact: %s\n", dep5Format, up.Name, up.Contact)
	b.WriteString("\nFiles: *\n")
	fmt.Fprintf(&b, "Copyright: %s\n", holderName(up.Contact))
	if up.License == "" {
		// Not guessed: a licence is the owners' choice (issue 12).
		b.WriteString("License: none\n")
		b.WriteString(body(up.Name + "'s own code has not been given a licence yet: its authors keep all rights to it. " +
			"The components listed below keep their own licences."))
	} else {
		b.WriteString(licenseField(up.License, ""))
	}
	for _, p := range list.Packages {
		fmt.Fprintf(&b, "\nFiles: %s\n", filesPattern(p))
		fmt.Fprintf(&b, "Copyright: %s\n", strings.Join(copyrightLines(p), "\n "))
		fmt.Fprintf(&b, "Comment: %s %s, %s\n", p.Name, p.Version, shippedIn(p))
		b.WriteString(licenseField(p.License, p.Text))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// holderName is "Reel maintainers" of "Reel maintainers <address>".
func holderName(contact string) string {
	if i := strings.Index(contact, " <"); i > 0 {
		return contact[:i]
	}
	return contact
}

// filesPattern names where the package's files sit in Reel's source: npm
// packages under frontend/node_modules, Go modules by their module path.
func filesPattern(p Package) string {
	switch {
	case p.Kind == "npm":
		return "frontend/node_modules/" + p.Name + "/*"
	case p.Name == "Go standard library":
		return "GOROOT/src/*"
	}
	return p.Name + "/*"
}

// shippedIn says where the package ends up in the installed files.
func shippedIn(p Package) string {
	if p.Kind == "npm" {
		return "bundled into the page inside /usr/bin/reel"
	}
	return "linked into /usr/bin/reel"
}

// copyrightLines are the licence text's own copyright notices, else its
// authors by name: Apache-2.0 texts often carry none.
func copyrightLines(p Package) []string {
	var lines []string
	for _, l := range strings.Split(p.Text, "\n") {
		l = strings.Join(strings.Fields(l), " ")
		low := strings.ToLower(l)
		// "Copyright …", "(c) …", "© …" — not the BSD clause about
		// "the above copyright notice".
		if strings.HasPrefix(low, "copyright ") && !strings.HasPrefix(low, "copyright notice") && !strings.Contains(low, "[yyyy]") ||
			strings.HasPrefix(low, "(c) ") || strings.HasPrefix(l, "© ") {
			lines = append(lines, l)
		}
	}
	if len(lines) == 0 {
		lines = []string{"the authors of " + p.Name}
	}
	return lines
}

// licenseField is the License: field with its text: the package's own
// text, or a pointer to Debian's copy of a common licence.
func licenseField(name, text string) string {
	if common, ok := commonLicenses[name]; ok {
		return "License: " + name + "\n" + body(fmt.Sprintf(
			"On Debian systems, the full text of the %s licence is in /usr/share/common-licenses/%s.", name, common))
	}
	if strings.TrimSpace(text) == "" {
		return "License: " + name + "\n" + body("The package ships no licence text of its own; see https://spdx.org/licenses/"+name+".html.")
	}
	return "License: " + name + "\n" + body(text)
}

// body formats text as a DEP-5 field's continuation lines: each line
// indented by one space, an empty line as " .", no trailing blank lines.
func body(text string) string {
	text = strings.TrimRight(strings.ReplaceAll(text, "\r\n", "\n"), " \t\n")
	text = strings.TrimLeft(text, "\n")
	var b strings.Builder
	for _, l := range strings.Split(text, "\n") {
		l = strings.TrimRight(strings.ReplaceAll(l, "\t", "    "), " ")
		if l == "" {
			b.WriteString(" .\n")
			continue
		}
		b.WriteString(" " + l + "\n")
	}
	return b.String()
}
