// Package testmedia gives tests the generated media they share: issue 9's
// format corpus, made once per test binary by scripts/testformats.sh with
// ffmpeg (a run of `make test-videos` has usually made it already).
package testmedia

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
)

var (
	once sync.Once
	dir  string
	err  error
)

// Formats returns the folder of the format corpus, making what is missing
// of it. Without ffmpeg the calling test is skipped, except under CI, where
// a missing ffmpeg is a broken set-up.
func Formats(t testing.TB) string {
	t.Helper()
	once.Do(func() {
		_, here, _, _ := runtime.Caller(0)
		top := filepath.Join(filepath.Dir(here), "..", "..")
		dir = filepath.Join(top, "testdata-gen", "formats")
		if _, err = exec.LookPath("ffmpeg"); err != nil {
			return
		}
		out, runErr := exec.Command("bash", filepath.Join(top, "scripts", "testformats.sh"), dir).CombinedOutput()
		if runErr != nil {
			err = errors.New("scripts/testformats.sh: " + runErr.Error() + ": " + string(out))
		}
	})
	if err != nil {
		if errors.Is(err, exec.ErrNotFound) && os.Getenv("CI") == "" {
			t.Skipf("ffmpeg not available: %v", err)
		}
		t.Fatal(err)
	}
	return dir
}
