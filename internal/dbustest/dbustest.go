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
