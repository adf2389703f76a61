//go:build linux && cgo

package main

/*
#cgo pkg-config: gtk+-3.0
#include <gtk/gtk.h>

static gboolean reel_prefer_dark_set(gpointer dark) {
	GtkSettings *s = gtk_settings_get_default();
	if (s != NULL) {
		g_object_set(s, "gtk-application-prefer-dark-theme", GPOINTER_TO_INT(dark), NULL);
	}
	return G_SOURCE_REMOVE;
}

static void reel_prefer_dark(int dark) {
	g_idle_add(reel_prefer_dark_set, GINT_TO_POINTER(dark));
}
*/
import "C"

import (
	"context"
	"errors"
	"os"

	"reel/internal/colorscheme"
)

// followColorScheme applies the desktop portal's light or dark preference
// to GTK, which WebKitGTK passes on to the page as prefers-color-scheme,
// until ctx ends (issue 12). GTK 3 reads only its own theme name, so
// without this a desktop set to dark through the portal (GNOME 42 and
// later) would show Reel light. GTK_THEME, when set, is the user's choice
// and wins.
func followColorScheme(ctx context.Context) {
	if os.Getenv("GTK_THEME") != "" {
		return
	}
	err := colorscheme.Watch(ctx, func(s colorscheme.Scheme) {
		switch s {
		case colorscheme.PreferDark:
			C.reel_prefer_dark(1)
		case colorscheme.PreferLight:
			C.reel_prefer_dark(0)
		}
		// No preference: the GTK theme decides, as it did before.
	})
	if err != nil && !errors.Is(err, colorscheme.ErrNoPortal) {
		errLog.Printf("colour scheme: %v", err)
	}
}
