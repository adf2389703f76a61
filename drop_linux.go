//go:build linux && cgo

package main

/*
#cgo pkg-config: gtk+-3.0
#include <gtk/gtk.h>
#include <string.h>

extern void reelDropped(char *paths);
extern void reelDragOver(int over);

static gboolean reel_drag_over;

// reel_drag_motion tells Go once when a drag enters the window.
static gboolean reel_drag_motion(GtkWidget *w, GdkDragContext *ctx, gint x, gint y, guint time, gpointer user) {
	if (!reel_drag_over) {
		reel_drag_over = TRUE;
		reelDragOver(1);
	}
	return FALSE; // GTK_DEST_DEFAULT_MOTION answers the drag
}

// reel_drag_leave tells Go when the drag leaves the window, which GTK also
// signals just before a drop.
static void reel_drag_leave(GtkWidget *w, GdkDragContext *ctx, guint time, gpointer user) {
	if (reel_drag_over) {
		reel_drag_over = FALSE;
		reelDragOver(0);
	}
}

// reel_drop_received hands the dropped files' paths, one a line, to Go.
static void reel_drop_received(GtkWidget *w, GdkDragContext *ctx, gint x, gint y,
		GtkSelectionData *data, guint info, guint time, gpointer user) {
	gchar **uris = gtk_selection_data_get_uris(data);
	if (uris == NULL) {
		return;
	}
	GString *paths = g_string_new(NULL);
	for (gchar **u = uris; *u != NULL; u++) {
		gchar *p = g_filename_from_uri(*u, NULL, NULL); // NULL for other than file:// URIs
		if (p == NULL) {
			continue;
		}
		if (paths->len > 0) {
			g_string_append_c(paths, '\n');
		}
		g_string_append(paths, p);
		g_free(p);
	}
	g_strfreev(uris);
	if (paths->len > 0) {
		reelDropped(paths->str);
	}
	g_string_free(paths, TRUE);
}

// reel_find_webview is the WebKitWebView inside w, or NULL. By its type's
// name: this file builds without WebKit's headers.
static GtkWidget *reel_find_webview(GtkWidget *w) {
	if (g_str_has_prefix(G_OBJECT_TYPE_NAME(w), "WebKitWebView")) {
		return w;
	}
	if (!GTK_IS_CONTAINER(w)) {
		return NULL;
	}
	GList *children = gtk_container_get_children(GTK_CONTAINER(w));
	GtkWidget *found = NULL;
	for (GList *l = children; l != NULL && found == NULL; l = l->next) {
		found = reel_find_webview(GTK_WIDGET(l->data));
	}
	g_list_free(children);
	return found;
}

static int reel_drop_tries;

// reel_drop_install makes the window holding the page a drop target for
// files, once the page is in it.
static gboolean reel_drop_install(gpointer unused) {
	GtkWidget *webview = NULL;
	GList *tops = gtk_window_list_toplevels();
	for (GList *l = tops; l != NULL && webview == NULL; l = l->next) {
		webview = reel_find_webview(GTK_WIDGET(l->data));
	}
	g_list_free(tops);
	if (webview == NULL) {
		return ++reel_drop_tries < 300 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
	}
	GtkWidget *top = gtk_widget_get_toplevel(webview);
	static GtkTargetEntry targets[] = {{"text/uri-list", 0, 0}};
	gtk_drag_dest_set(top, GTK_DEST_DEFAULT_ALL, targets, 1, GDK_ACTION_COPY);
	g_signal_connect(top, "drag-data-received", G_CALLBACK(reel_drop_received), NULL);
	g_signal_connect(top, "drag-motion", G_CALLBACK(reel_drag_motion), NULL);
	g_signal_connect(top, "drag-leave", G_CALLBACK(reel_drag_leave), NULL);
	return G_SOURCE_REMOVE;
}

static void reel_drop_start(void) {
	g_timeout_add(50, reel_drop_install, NULL);
}
*/
import "C"

import (
	"strings"
	"sync"
)

var drops struct {
	sync.Mutex
	handle func(paths []string)
	over   func(bool)
}

// watchNativeDrops calls handle with the paths of the files or folders
// dropped on the window, each drop in a goroutine of its own, and over
// with true when a drag enters the window and false when it leaves or
// drops, so the page can light up where it would land.
//
// Wails' own file drop never fires in WebKitGTK with the webview's drops
// off (wailsapp/wails#3563: DisableWebViewDrop unsets the drop target its
// handlers listen on), so no drop on the window ever reached Reel. With
// them on, WebKit takes part in the drag, and the <track> of a subtitle
// file dropped on the player failed to load in two tries of three (it
// loaded every time when added 0.7 s after the drop). So the window
// itself, not the page, is the drop target: GTK hands it the drags the
// webview does not take, and WebKit never sees them (issue 10; the
// desktop test TestWindowDropSubtitles drags files onto it with XDND).
func watchNativeDrops(handle func(paths []string), over func(bool)) {
	drops.Lock()
	drops.handle, drops.over = handle, over
	drops.Unlock()
	C.reel_drop_start()
}

// dropped runs on GTK's thread with a drop's paths, one a line.
func dropped(lines string) {
	drops.Lock()
	handle := drops.handle
	drops.Unlock()
	if handle != nil {
		go handle(strings.Split(lines, "\n"))
	}
}

// dragOver runs on GTK's thread when a drag enters (true) or leaves the window.
func dragOver(on bool) {
	drops.Lock()
	over := drops.over
	drops.Unlock()
	if over != nil {
		go over(on)
	}
}
