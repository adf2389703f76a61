package colorscheme

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"

	"reel/internal/dbustest"
)

// portal is a fake org.freedesktop.portal.Settings.
type portal struct {
	scheme  uint32
	readOne bool // false: only the old Read method, answering a variant in a variant
}

func (p portal) ReadOne(ns, key string) (dbus.Variant, *dbus.Error) {
	if !p.readOne {
		return dbus.Variant{}, dbus.MakeFailedError(errors.New("no such method"))
	}
	return p.value(ns, key)
}

func (p portal) Read(ns, key string) (dbus.Variant, *dbus.Error) {
	v, err := p.value(ns, key)
	if err != nil || p.readOne {
		return v, err
	}
	return dbus.MakeVariant(v), nil
}

func (p portal) value(ns, key string) (dbus.Variant, *dbus.Error) {
	if ns != namespace || key != "color-scheme" {
		return dbus.Variant{}, dbus.MakeFailedError(errors.New("unknown setting"))
	}
	return dbus.MakeVariant(p.scheme), nil
}

// privateBus starts a session bus of the test's own, points
// DBUS_SESSION_BUS_ADDRESS at it and connects to it.
func privateBus(t *testing.T) *dbus.Conn {
	t.Helper()
	dbustest.Use(t)
	conn, err := dbus.ConnectSessionBus()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return conn
}

func serve(t *testing.T, conn *dbus.Conn, p portal) {
	t.Helper()
	if err := conn.Export(p, portalPath, settingsIfc); err != nil {
		t.Fatal(err)
	}
	if reply, err := conn.RequestName(portalName, dbus.NameFlagDoNotQueue); err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("RequestName = %v, %v", reply, err)
	}
}

func TestWatchReadsAndFollows(t *testing.T) {
	for _, tt := range []struct {
		name string
		p    portal
	}{
		{"ReadOne", portal{scheme: 1, readOne: true}},
		{"old Read, variant in a variant", portal{scheme: 1}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			conn := privateBus(t)
			serve(t, conn, tt.p)
			ctx, cancel := context.WithCancel(context.Background())
			got := make(chan Scheme, 4)
			done := make(chan error, 1)
			go func() { done <- Watch(ctx, func(s Scheme) { got <- s }) }()

			want := func(s Scheme) {
				t.Helper()
				select {
				case g := <-got:
					if g != s {
						t.Errorf("scheme = %d, want %d", g, s)
					}
				case err := <-done:
					t.Fatalf("Watch ended: %v", err)
				case <-time.After(5 * time.Second):
					t.Fatalf("scheme %d never came", s)
				}
			}
			want(PreferDark)
			emit := func(ns, key string, v any) {
				if err := conn.Emit(portalPath, settingsIfc+".SettingChanged", ns, key, dbus.MakeVariant(v)); err != nil {
					t.Fatal(err)
				}
			}
			emit("org.gnome.desktop.interface", "color-scheme", uint32(1)) // not the appearance namespace: ignored
			emit(namespace, "accent-color", uint32(3))                     // another key: ignored
			emit(namespace, "color-scheme", uint32(2))
			want(PreferLight)
			cancel()
			if err := <-done; err != nil {
				t.Errorf("Watch after cancel = %v, want nil", err)
			}
		})
	}
}

func TestWatchWithoutPortal(t *testing.T) {
	privateBus(t) // a bus with no portal on it
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	called := false
	if err := Watch(ctx, func(Scheme) { called = true }); !errors.Is(err, ErrNoPortal) {
		t.Errorf("Watch = %v, want ErrNoPortal", err)
	}
	if called {
		t.Error("apply was called without a portal")
	}
}
