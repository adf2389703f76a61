//go:build desktop && package

package desktop

import (
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestInstalledPackage checks the installed .deb (make test-package): the
// files land where the desktop looks for them, and /usr/bin/reel, started
// on a video as a file manager's "Open with Reel" would, finds its
// GStreamer source in /usr/lib/reel and plays by itself through reel://.
func TestInstalledPackage(t *testing.T) {
	if bin := env(t, "REEL_BIN"); bin != "/usr/bin/reel" {
		t.Fatalf("REEL_BIN = %s, want the installed /usr/bin/reel", bin)
	}
	for _, f := range []string{
		"/usr/lib/reel/gstreamer-1.0/libgstreel.so",
		"/usr/share/applications/io.github.reel.Reel.desktop",
		"/usr/share/metainfo/io.github.reel.Reel.metainfo.xml",
		"/usr/share/icons/hicolor/scalable/apps/io.github.reel.Reel.svg",
		"/usr/share/icons/hicolor/256x256/apps/io.github.reel.Reel.png",
	} {
		if _, err := os.Stat(f); err != nil {
			t.Errorf("the package did not install %s: %v", f, err)
		}
	}
	out, err := exec.Command("/usr/bin/reel", "--version").Output()
	if err != nil || !strings.HasPrefix(string(out), "reel ") {
		t.Errorf("reel --version = %q, %v; want \"reel VERSION\"", out, err)
	}

	launched := time.Now()
	a := launchApp(t, clipPath(t), launch{})
	playing := a.playsFromLaunch(clipName, "reel")
	if start, err := strconv.ParseFloat(os.Getenv("REEL_INSTALL_START"), 64); err == nil {
		at := playing.At.Sub(time.Unix(0, int64(start*1e9)))
		t.Logf("apt-get install ./reel….deb → the window playing: %v", at.Round(time.Millisecond))
	}
	t.Logf("installed /usr/bin/reel: launch → playing %v", playing.At.Sub(launched).Round(time.Millisecond))
	screenshot(t, "package-playing.png")
	a.kill()

	// Baseline, same run: the binary of the build tree, plugin beside it.
	if b := os.Getenv("REEL_BUILD_BIN"); b != "" {
		t.Setenv("REEL_BIN", b)
		launched := time.Now()
		a := launchApp(t, clipPath(t), launch{})
		playing := a.playsFromLaunch(clipName, "reel")
		t.Logf("build tree %s: launch → playing %v", b, playing.At.Sub(launched).Round(time.Millisecond))
	}
}
