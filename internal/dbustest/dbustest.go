// Package dbustest starts a D-Bus session bus of a test's own, so the tests
// of what Reel asks the desktop (the file manager, the colour-scheme portal,
// the single-instance lock) never reach the session of the person running
// them. It is never linked into Reel itself.
package dbustest

import (
	"bufio"
	"os/exec"
	"strings"
	"testing"

	"github.com/godbus/dbus/v5"
)

// daemon is the message bus daemon the Makefile's APT_PACKAGES (dbus) installs.
const daemon = "dbus-daemon"

// Installed reports whether dbus-daemon can be run.
func Installed() bool {
	_, err := exec.LookPath(daemon)
	return err == nil
}

// Start runs a session bus for the rest of the test and returns its
// address, for DBUS_SESSION_BUS_ADDRESS. Without dbus-daemon the test fails.
func Start(t testing.TB) string {
	t.Helper()
	if !Installed() {
		t.Fatalf("%s is missing (APT_PACKAGES has dbus)", daemon)
	}
	cmd := exec.Command(daemon, "--session", "--nofork", "--print-address")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	addr, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatalf("%s printed no address: %v", daemon, err)
	}
	return strings.TrimSpace(addr)
}

// Use starts a session bus as Start does and points this process's
// DBUS_SESSION_BUS_ADDRESS at it for the rest of the test (t.Setenv: not
// in parallel tests). Without dbus-daemon the test is skipped.
func Use(t *testing.T) string {
	t.Helper()
	if !Installed() {
		t.Skipf("%s is not installed", daemon)
	}
	addr := Start(t)
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", addr)
	return addr
}

// fileManager is a fake org.freedesktop.FileManager1 that passes on what
// it is asked to show.
type fileManager struct{ shown chan []string }

// ShowItems is the one method of FileManager1 Reel calls.
func (f fileManager) ShowItems(uris []string, startup string) *dbus.Error {
	f.shown <- uris
	return nil
}

// FileManager puts a fake file manager (org.freedesktop.FileManager1) on
// the session bus at addr for the rest of the test. The URIs each
// ShowItems call asks it to show come on the channel it returns.
func FileManager(t testing.TB, addr string) <-chan []string {
	t.Helper()
	conn, err := dbus.Connect(addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	fm := fileManager{shown: make(chan []string, 1)}
	const name, path = "org.freedesktop.FileManager1", "/org/freedesktop/FileManager1"
	if err := conn.Export(fm, path, name); err != nil {
		t.Fatal(err)
	}
	if reply, err := conn.RequestName(name, dbus.NameFlagDoNotQueue); err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("RequestName(%s) = %v, %v", name, reply, err)
	}
	return fm.shown
}
