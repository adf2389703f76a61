//go:build desktop

package desktop

import (
	"testing"
	"time"

	"github.com/godbus/dbus/v5"

	"reel/internal/dbustest"
)

// fakePortal answers org.freedesktop.portal.Settings.ReadOne for the
// appearance color-scheme.
type fakePortal struct{ scheme uint32 }

func (p fakePortal) ReadOne(ns, key string) (dbus.Variant, *dbus.Error) {
	return dbus.MakeVariant(p.scheme), nil
}

// darkEvent matches the page's 'viewport' report of a dark (or light) page.
func darkEvent(dark bool) func(event) bool {
	return func(e event) bool { return e.Event == "viewport" && e.Dark == dark }
}

// TestThemeFollowsTheDesktop is issue 12's theme: the page is dark when
// the desktop portal prefers dark, and turns light when it changes, and
// GTK_THEME decides when it is set.
func TestThemeFollowsTheDesktop(t *testing.T) {
	t.Run("portal", func(t *testing.T) {
		addr := dbustest.Start(t)
		conn, err := dbus.Connect(addr)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		const path, ifc = "/org/freedesktop/portal/desktop", "org.freedesktop.portal.Settings"
		if err := conn.Export(fakePortal{scheme: 1}, path, ifc); err != nil {
			t.Fatal(err)
		}
		if _, err := conn.RequestName("org.freedesktop.portal.Desktop", dbus.NameFlagDoNotQueue); err != nil {
			t.Fatal(err)
		}
		a := launchApp(t, env(t, "REEL_TEST_VIDEOS"), launch{Env: []string{"DBUS_SESSION_BUS_ADDRESS=" + addr, "GTK_THEME="}})
		a.waitFor("the page to turn dark", 20*time.Second, darkEvent(true))
		a.waitLayout(30*time.Second, bigVideo)
		time.Sleep(500 * time.Millisecond)
		screenshot(t, "theme-dark.png")

		if err := conn.Emit(path, ifc+".SettingChanged", "org.freedesktop.appearance", "color-scheme", dbus.MakeVariant(uint32(2))); err != nil {
			t.Fatal(err)
		}
		a.waitFor("the page to turn light", 20*time.Second, darkEvent(false))
		time.Sleep(500 * time.Millisecond)
		screenshot(t, "theme-light.png")
	})
	for _, tt := range []struct {
		theme string
		dark  bool
	}{
		{"Adwaita:dark", true},
		{"Adwaita", false},
	} {
		t.Run("GTK_THEME="+tt.theme, func(t *testing.T) {
			a := launchApp(t, env(t, "REEL_TEST_VIDEOS"), launch{Env: []string{"GTK_THEME=" + tt.theme}})
			e := a.waitFor("the page's viewport", 20*time.Second, isEvent("viewport"))
			if e.Dark != tt.dark {
				t.Errorf("GTK_THEME=%s: prefers-color-scheme dark = %v, want %v", tt.theme, e.Dark, tt.dark)
			}
		})
	}
}
