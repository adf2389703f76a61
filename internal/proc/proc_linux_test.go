//go:build linux

package proc

import (
	"io"
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"
)

// TestCloseInherited: a pipe made without close-on-exec (as Wails makes
// the page's answers) reaches its end when the parent closes it, though a
// child started meanwhile still runs; without CloseInherited the child
// holds it open until it exits.
func TestCloseInherited(t *testing.T) {
	for _, tt := range []struct {
		name  string
		close bool
		eof   bool // the reader sees the end while the child runs
	}{
		{"without: the child holds the answer", false, false},
		{"with: the answer ends", true, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var p [2]int
			if err := syscall.Pipe2(p[:], 0); err != nil {
				t.Fatal(err)
			}
			r, w := os.NewFile(uintptr(p[0]), "r"), os.NewFile(uintptr(p[1]), "w")
			defer r.Close()
			if tt.close {
				CloseInherited()
			}
			child := exec.Command("sleep", "30")
			if err := child.Start(); err != nil {
				t.Fatal(err)
			}
			defer func() {
				child.Process.Kill()
				child.Wait()
			}()
			w.Write([]byte("answer"))
			w.Close()
			got := make(chan error, 1)
			go func() {
				_, err := io.ReadAll(r)
				got <- err
			}()
			select {
			case err := <-got:
				if !tt.eof {
					t.Errorf("the reader saw the end (%v) while the child ran; want it held open (the test's premise)", err)
				}
			case <-time.After(2 * time.Second):
				if tt.eof {
					t.Errorf("no end 2 s after the parent closed the pipe: the child inherited it")
				}
				child.Process.Kill() // ends the read
			}
		})
	}
}
