//go:build linux

package reveal

import (
	"fmt"
	"net/url"
	"os/exec"
	"path/filepath"
	"reel/internal/proc"
	"time"

	"github.com/godbus/dbus/v5"
)

// The freedesktop file manager interface, which Nautilus, Dolphin, Nemo,
// Caja and Thunar implement:
// https://www.freedesktop.org/wiki/Specifications/file-manager-interface/
const (
	fmName   = "org.freedesktop.FileManager1"
	fmPath   = "/org/freedesktop/FileManager1"
	fmMethod = fmName + ".ShowItems"
)

// callTimeout bounds the D-Bus call: a file manager that is activated by
// the call may take a moment to start, but a hung bus must not hang Reel.
const callTimeout = 5 * time.Second

// openCommand opens a folder when no file manager answers on D-Bus; a
// variable so tests can point it at a fake.
var openCommand = "xdg-open"

// show asks the file manager over the session bus to show path selected;
// without one (no bus, no service), it opens the folder with xdg-open.
func show(path string) error {
	err := showItems(path)
	if err == nil {
		return nil
	}
	// It may outlive Reel, and must not hold a pipe of the window's.
	proc.CloseInherited()
	cmd := exec.Command(openCommand, filepath.Dir(path))
	if err2 := cmd.Start(); err2 != nil {
		return fmt.Errorf("reveal: no file manager on D-Bus (%v) and %s failed: %w", err, openCommand, err2)
	}
	go cmd.Wait() // reap it; xdg-open returns once the folder is handed on
	return nil
}

func showItems(path string) error {
	conn, err := dbus.SessionBusPrivate()
	if err != nil {
		return err
	}
	defer conn.Close()
	if err := conn.Auth(nil); err != nil {
		return err
	}
	if err := conn.Hello(); err != nil {
		return err
	}
	done := make(chan *dbus.Call, 1)
	call := conn.Object(fmName, fmPath).Go(fmMethod, 0, done, []string{fileURI(path)}, "")
	select {
	case <-call.Done:
		return call.Err
	case <-time.After(callTimeout):
		return fmt.Errorf("%s did not answer in %v", fmName, callTimeout)
	}
}

// fileURI is path as a file: URI, each segment escaped (RFC 8089).
func fileURI(path string) string {
	return (&url.URL{Scheme: "file", Path: path}).String()
}
