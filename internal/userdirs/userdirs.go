// Package userdirs finds the user's Videos folder the way each desktop
// defines it: XDG user-dirs on Linux, the profile's Videos on Windows, Movies
// on macOS.
package userdirs

import (
	"bufio"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// Videos returns the user's videos folder if it exists, else "".
func Videos() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	var dir string
	switch runtime.GOOS {
	case "windows":
		dir = filepath.Join(home, "Videos")
	case "darwin":
		dir = filepath.Join(home, "Movies")
	default:
		dir = xdgVideos(home, os.Getenv("XDG_CONFIG_HOME"))
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return ""
	}
	return dir
}

// xdgVideos reads XDG_VIDEOS_DIR from user-dirs.dirs (the format
// xdg-user-dirs-update writes: XDG_VIDEOS_DIR="$HOME/Videos"), defaulting to
// ~/Videos.
func xdgVideos(home, configHome string) string {
	if configHome == "" {
		configHome = filepath.Join(home, ".config")
	}
	fallback := filepath.Join(home, "Videos")
	f, err := os.Open(filepath.Join(configHome, "user-dirs.dirs"))
	if err != nil {
		return fallback
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		v, ok := strings.CutPrefix(line, "XDG_VIDEOS_DIR=")
		if !ok {
			continue
		}
		v = strings.Trim(v, `"`)
		if rest, ok := strings.CutPrefix(v, "$HOME"); ok {
			v = home + rest
		}
		if !filepath.IsAbs(v) {
			return fallback
		}
		// "$HOME/" alone means the directory is disabled.
		if filepath.Clean(v) == filepath.Clean(home) {
			return ""
		}
		return v
	}
	return fallback
}

// ChooserStart is the folder a folder chooser opens on: last (the folder
// opened most recently) when it still exists, else the user's Videos folder,
// else home, else "" (the toolkit's own choice). Opening on a real folder
// lets the keyboard finish the dialog: GTK's "Recent" view has no folder to
// choose, so a path typed after Ctrl+L with Enter did nothing (issue 13).
func ChooserStart(last string) string {
	home, _ := os.UserHomeDir()
	return firstDir(last, Videos(), home)
}

// firstDir is the first of dirs that is an existing folder, or "".
func firstDir(dirs ...string) string {
	for _, d := range dirs {
		if d == "" {
			continue
		}
		if st, err := os.Stat(d); err == nil && st.IsDir() {
			return d
		}
	}
	return ""
}
