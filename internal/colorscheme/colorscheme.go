// Package colorscheme reads the desktop's light or dark preference from
// the XDG desktop portal (org.freedesktop.appearance color-scheme), and
// follows its changes. GTK 3 does not read it, so a GNOME desktop set to
// dark would otherwise show Reel light: the window applies it to GTK,
// which WebKitGTK turns into the page's prefers-color-scheme (issue 12).
//
// https://flatpak.github.io/xdg-desktop-portal/docs/doc-org.freedesktop.portal.Settings.html
package colorscheme

import (
	"context"
	"errors"
	"fmt"

	"github.com/godbus/dbus/v5"
)

// Scheme is the portal's color-scheme value.
type Scheme uint32

// The values the portal defines.
const (
	NoPreference Scheme = 0
	PreferDark   Scheme = 1
	PreferLight  Scheme = 2
)

const (
	portalName  = "org.freedesktop.portal.Desktop"
	portalPath  = "/org/freedesktop/portal/desktop"
	settingsIfc = "org.freedesktop.portal.Settings"
	namespace   = "org.freedesktop.appearance"
	key         = "color-scheme"
)

// ErrNoPortal means no portal answered: no session bus, or no
// xdg-desktop-portal on it.
var ErrNoPortal = errors.New("colorscheme: no desktop portal")

// Watch calls apply with the current scheme, then with each change, until
// ctx ends. It returns ErrNoPortal (wrapped) when the portal cannot be
// read; apply is then never called.
func Watch(ctx context.Context, apply func(Scheme)) error {
	conn, err := dbus.ConnectSessionBus(dbus.WithContext(ctx))
	if err != nil {
		return fmt.Errorf("%w: %v", ErrNoPortal, err)
	}
	defer conn.Close()
	// Subscribe first, so no change between the read and the match is lost.
	if err := conn.AddMatchSignal(
		dbus.WithMatchObjectPath(portalPath),
		dbus.WithMatchInterface(settingsIfc),
		dbus.WithMatchMember("SettingChanged"),
	); err != nil {
		return fmt.Errorf("%w: %v", ErrNoPortal, err)
	}
	signals := make(chan *dbus.Signal, 8)
	conn.Signal(signals)

	s, err := read(ctx, conn)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrNoPortal, err)
	}
	apply(s)
	for {
		select {
		case <-ctx.Done():
			return nil
		case sig, ok := <-signals:
			if !ok {
				return nil
			}
			if s, ok := changed(sig); ok {
				apply(s)
			}
		}
	}
}

// read asks for the setting with ReadOne (portal version 2), else with the
// older Read, whose answer comes wrapped in one more variant.
func read(ctx context.Context, conn *dbus.Conn) (Scheme, error) {
	obj := conn.Object(portalName, portalPath)
	var v dbus.Variant
	err := obj.CallWithContext(ctx, settingsIfc+".ReadOne", 0, namespace, key).Store(&v)
	if err != nil {
		if err2 := obj.CallWithContext(ctx, settingsIfc+".Read", 0, namespace, key).Store(&v); err2 != nil {
			return 0, err
		}
	}
	return fromVariant(v)
}

// fromVariant unwraps the uint32 in v, however many variants deep.
func fromVariant(v dbus.Variant) (Scheme, error) {
	for range 3 {
		switch x := v.Value().(type) {
		case uint32:
			return Scheme(x), nil
		case dbus.Variant:
			v = x
		default:
			return 0, fmt.Errorf("color-scheme is %s, want a uint32", v.Signature())
		}
	}
	return 0, errors.New("color-scheme is wrapped too deep")
}

// changed reads a SettingChanged(namespace, key, value) signal.
func changed(sig *dbus.Signal) (Scheme, bool) {
	if sig.Name != settingsIfc+".SettingChanged" || len(sig.Body) != 3 {
		return 0, false
	}
	ns, _ := sig.Body[0].(string)
	k, _ := sig.Body[1].(string)
	v, isVariant := sig.Body[2].(dbus.Variant)
	if ns != namespace || k != key || !isVariant {
		return 0, false
	}
	s, err := fromVariant(v)
	return s, err == nil
}
