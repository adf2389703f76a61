//go:build linux && cgo

package main

/*
#cgo pkg-config: gtk+-3.0
#include <gtk/gtk.h>

static void reel_menubar_walk(GtkWidget *w, gpointer show) {
	if (GTK_IS_MENU_BAR(w)) {
		gtk_widget_set_visible(w, GPOINTER_TO_INT(show));
		return;
	}
	if (GTK_IS_CONTAINER(w)) {
		gtk_container_foreach(GTK_CONTAINER(w), reel_menubar_walk, show);
	}
}

static gboolean reel_menubar_set(gpointer show) {
	GList *tops = gtk_window_list_toplevels();
	for (GList *l = tops; l != NULL; l = l->next) {
		reel_menubar_walk(GTK_WIDGET(l->data), show);
	}
	g_list_free(tops);
	return G_SOURCE_REMOVE;
}

static void reel_menubar_show(int show) {
	g_idle_add(reel_menubar_set, GINT_TO_POINTER(show));
}
*/
import "C"

// showMenuBar shows or hides the window's menu bar, on GTK's main thread.
// Wails keeps the bar above the page in fullscreen; a video player hides
// it there, as Celluloid and Totem do. While it is hidden GTK does not run
// its accelerators, so the page handles F11 itself (main.ts).
func showMenuBar(show bool) {
	v := C.int(0)
	if show {
		v = 1
	}
	C.reel_menubar_show(v)
}
