package dbustest

import (
	"os"
	"testing"

	"github.com/godbus/dbus/v5"
)

// TestUse checks that the bus Use starts answers, and is the one
// DBUS_SESSION_BUS_ADDRESS names.
func TestUse(t *testing.T) {
	addr := Use(t)
	if got := os.Getenv("DBUS_SESSION_BUS_ADDRESS"); got != addr {
		t.Fatalf("DBUS_SESSION_BUS_ADDRESS = %q, want %q", got, addr)
	}
	conn, err := dbus.ConnectSessionBus()
	if err != nil {
		t.Fatalf("connect to %s: %v", addr, err)
	}
	defer conn.Close()
	var names []string
	if err := conn.BusObject().Call("org.freedesktop.DBus.ListNames", 0).Store(&names); err != nil {
		t.Fatalf("ListNames on %s: %v", addr, err)
	}
	if len(names) == 0 {
		t.Errorf("ListNames on %s: no names, want at least the bus's own", addr)
	}
}
