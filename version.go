package main

import (
	_ "embed"
	"runtime/debug"
)

// version is Reel's version, set at build time by the Makefile from
// `git describe --tags --always --dirty`:
//
//	-ldflags "-X main.version=v0.3.0-4-g1a2b3c4"
//
// A plain `go build` leaves it empty and Version falls back on what the Go
// toolchain stamped into the binary.
var version string

// windowIcon is the icon the window shows in the task switcher and title
// bar on Linux (build/icons.sh renders it from build/icon/reel.svg).
//
//go:embed build/linux/icons/256.png
var windowIcon []byte

// Version returns Reel's version: the one set at build time, else the
// module version or VCS revision the Go toolchain recorded, else "dev".
func Version() string {
	if version != "" {
		return version
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "dev"
	}
	return versionFrom(info)
}

// versionFrom derives a version from build information: a tagged module
// version when Reel was installed with `go install reel@v1.2.3`, else the
// short commit with "-dirty" for uncommitted changes, as git describe
// would write it.
func versionFrom(info *debug.BuildInfo) string {
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev string
	var dirty bool
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "dev"
	}
	if len(rev) > 7 {
		rev = rev[:7]
	}
	if dirty {
		rev += "-dirty"
	}
	return "dev-" + rev
}

// versionLine is what `reel --version` prints.
func versionLine() string {
	return "reel " + Version()
}
