package library

import (
	"errors"
	"net/url"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// cleanWant is what cleanRel should answer on one OS.
type cleanWant struct {
	rel     string
	refused bool
}

func allowed(rel string) cleanWant { return cleanWant{rel: rel} }

var refused = cleanWant{refused: true}

// hostileDirs are folder paths as an attacker would type them into the
// query of /api/library, with what CleanRel must make of them on Unix
// (Linux, macOS) and on Windows.
var hostileDirs = []struct {
	name    string
	raw     string // as written in the URL's query, before decoding
	unix    cleanWant
	windows cleanWant
}{
	{"dot_dot", "..", refused, refused},
	{"dot_dot_slash_x", "../x", refused, refused},
	{"dot_dot_after_folder", "a/../../x", refused, refused},
	// Any ".." element is refused, even one that would stay inside.
	{"dot_dot_inside", "a/b/../c", refused, refused},
	{"dot_dot_last", "a/..", refused, refused},
	{"dot_then_dot_dot", "./..", refused, refused},
	{"encoded_dot_dot_slash", "%2e%2e%2f", refused, refused},
	{"encoded_dot_dot_upper", "%2E%2E%2F", refused, refused},
	{"dot_dot_encoded_slash", "..%2f", refused, refused},
	{"dot_dot_encoded_backslash", "..%5c", refused, refused},
	{"encoded_traversal_to_passwd", "%2e%2e/%2e%2e/etc/passwd", refused, refused},
	{"absolute", "/etc/passwd", refused, refused},
	{"encoded_absolute", "%2fetc%2fpasswd", refused, refused},
	{"unc", "//server/share", refused, refused},
	{"unc_backslash", `\\server\share`, refused, refused},
	{"drive_backslash", `C:\Windows`, refused, refused},
	{"drive_encoded_backslash", "C:%5cWindows", refused, refused},
	// "C:foo" is relative to the current folder of drive C.
	{"drive_relative", "C:foo", refused, refused},
	{"drive_slash_lower", "c:/x", refused, refused},
	{"drive_only", "C:", refused, refused},
	{"drive_after_dot", "./C:foo", refused, refused},
	{"drive_after_dot_lower", ".//c:", refused, refused},
	{"drive_like_name_inside", "a/C:foo", allowed("a/C:foo"), refused},
	{"backslash", `a\b`, refused, refused},
	{"backslash_dot_dot", `..\secret`, refused, refused},
	{"nul", "a%00b", refused, refused},
	{"nul_at_end", "a.mp4%00.txt", refused, refused},
	// NTFS alternate data streams: "file.mp4:stream" names another stream
	// of file.mp4 on Windows; elsewhere ':' is an ordinary character.
	{"ads_stream", "file.mp4:stream", allowed("file.mp4:stream"), refused},
	{"ads_data", "sub/file.mp4::$DATA", allowed("sub/file.mp4::$DATA"), refused},
	{"ads_encoded", "file.mp4%3astream", allowed("file.mp4:stream"), refused},
	// Windows strips trailing dots and spaces, so "name." aliases "name".
	{"trailing_dot", "name.", allowed("name."), refused},
	{"trailing_dot_in_folder", "name./x", allowed("name./x"), refused},
	{"trailing_space", "name%20", allowed("name "), refused},
	{"three_dots", "...", allowed("..."), refused},
	// os.Root refuses reserved device names on Windows (see os.OpenRoot).
	{"reserved_device_name", "NUL", allowed("NUL"), allowed("NUL")},
	{"dot_segment", "a/./b", allowed("a/b"), allowed("a/b")},
	{"encoded_dot_segment", "a/%2e/b", allowed("a/b"), allowed("a/b")},
	{"double_slash", "a//b", allowed("a/b"), allowed("a/b")},
	{"empty", "", allowed(""), allowed("")},
	{"dot", ".", allowed(""), allowed("")},
	{"dot_slash", "./", allowed(""), allowed("")},
	{"trailing_slash", "sub/", allowed("sub"), allowed("sub")},
	{"plain", "Films/2019", allowed("Films/2019"), allowed("Films/2019")},
	{"plus_is_space", "a+b", allowed("a b"), allowed("a b")},
	{"unicode", "Fil%C3%A9s", allowed("Filés"), allowed("Filés")},
	{"dots_inside_name", "a..b", allowed("a..b"), allowed("a..b")},
	// A broken escape drops the parameter: the opened folder itself.
	{"bad_escape", "%zz..", allowed(""), allowed("")},
}

func TestCleanRelHostile(t *testing.T) {
	t.Parallel()
	for _, tt := range hostileDirs {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			u, err := url.Parse("/api/library?dir=" + tt.raw)
			if err != nil {
				t.Fatalf("url.Parse(%q): %v", tt.raw, err)
			}
			dir := u.Query().Get("dir")
			for _, goos := range []string{"linux", "darwin", "windows", runtime.GOOS} {
				want := tt.unix
				if goos == "windows" {
					want = tt.windows
				}
				var got string
				if goos == runtime.GOOS {
					got, err = CleanRel(dir)
				} else {
					got, err = cleanRel(dir, goos)
				}
				switch {
				case want.refused && !errors.Is(err, ErrBadPath):
					t.Errorf("%s: dir=%q (raw %q): cleanRel = %q, %v, want ErrBadPath", goos, dir, tt.raw, got, err)
				case !want.refused && (err != nil || got != want.rel):
					t.Errorf("%s: dir=%q (raw %q): cleanRel = %q, %v, want %q", goos, dir, tt.raw, got, err, want.rel)
				}
			}
		})
	}
}

// checkClean asserts that rel, accepted by cleanRel for goos, names
// something inside the folder.
func checkClean(t *testing.T, in, rel, goos string) {
	t.Helper()
	if rel == "" {
		return
	}
	bad := func(why string) {
		t.Helper()
		t.Fatalf("%s: cleanRel(%q) = %q: %s", goos, in, rel, why)
	}
	if strings.HasPrefix(rel, "/") || hasDrivePrefix(rel) {
		bad("not relative")
	}
	if strings.ContainsAny(rel, "\\\x00") {
		bad("has a backslash or NUL")
	}
	if path.Clean(rel) != rel {
		bad("not clean")
	}
	for _, elem := range strings.Split(rel, "/") {
		if elem == ".." || elem == "." || elem == "" {
			bad("has element " + elem)
		}
		if goos == "windows" && (strings.ContainsRune(elem, ':') || strings.HasSuffix(elem, ".") || strings.HasSuffix(elem, " ")) {
			bad("has a Windows alias " + elem)
		}
	}
	if !strings.HasPrefix(path.Join("/root", rel), "/root/") {
		bad("leaves the folder when joined")
	}
	if goos == runtime.GOOS && !filepath.IsLocal(filepath.FromSlash(rel)) && goos != "windows" {
		bad("not local for filepath.IsLocal")
	}
	if again, err := cleanRel(rel, goos); err != nil || again != rel {
		bad("not stable: cleaned again it is " + again)
	}
}

func FuzzCleanRel(f *testing.F) {
	for _, tt := range hostileDirs {
		f.Add(tt.raw)
		if u, err := url.Parse("/?dir=" + tt.raw); err == nil {
			f.Add(u.Query().Get("dir"))
		}
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, goos := range []string{"linux", "windows"} {
			rel, err := cleanRel(s, goos)
			if err != nil {
				if !errors.Is(err, ErrBadPath) || rel != "" {
					t.Fatalf("%s: cleanRel(%q) = %q, %v", goos, s, rel, err)
				}
				continue
			}
			checkClean(t, s, rel, goos)
		}
	})
}
