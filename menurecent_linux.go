//go:build linux && cgo

package main

/*
#cgo pkg-config: gtk+-3.0
#include <gtk/gtk.h>
#include <stdlib.h>
#include <string.h>

extern void reelRecentChosen(int gen, int index);

// reel_recent is one update of File ▸ Open Recent, handed to GTK's thread.
typedef struct {
	char *file;   // the top menu's label, "File"
	char *recent; // the submenu item's label, "Open Recent"
	char **labels;
	int n;
	int gen;
	int done; // 1 when the submenu was found and replaced
} reel_recent;

static void reel_recent_activate(GtkMenuItem *item, gpointer data) {
	int gen = GPOINTER_TO_INT(g_object_get_data(G_OBJECT(item), "reel-gen"));
	reelRecentChosen(gen, GPOINTER_TO_INT(data));
}

// reel_item_labelled finds the item of shell whose label is label.
static GtkWidget *reel_item_labelled(GtkWidget *shell, const char *label) {
	GList *kids = gtk_container_get_children(GTK_CONTAINER(shell));
	GtkWidget *found = NULL;
	for (GList *l = kids; l != NULL && found == NULL; l = l->next) {
		if (GTK_IS_MENU_ITEM(l->data)) {
			const char *s = gtk_menu_item_get_label(GTK_MENU_ITEM(l->data));
			if (s != NULL && strcmp(s, label) == 0) found = GTK_WIDGET(l->data);
		}
	}
	g_list_free(kids);
	return found;
}

static GtkWidget *reel_find_menubar(GtkWidget *w) {
	if (GTK_IS_MENU_BAR(w)) return w;
	if (!GTK_IS_CONTAINER(w)) return NULL;
	GList *kids = gtk_container_get_children(GTK_CONTAINER(w));
	GtkWidget *found = NULL;
	for (GList *l = kids; l != NULL && found == NULL; l = l->next) found = reel_find_menubar(GTK_WIDGET(l->data));
	g_list_free(kids);
	return found;
}

// reel_recent_apply replaces the submenu of File ▸ Open Recent in the
// menu bar on screen with one item per label, each without accelerator.
static void reel_recent_apply(reel_recent *r) {
	GList *tops = gtk_window_list_toplevels();
	for (GList *l = tops; l != NULL && !r->done; l = l->next) {
		GtkWidget *bar = reel_find_menubar(GTK_WIDGET(l->data));
		if (bar == NULL) continue; // hidden in fullscreen, it is still updated
		GtkWidget *file = reel_item_labelled(bar, r->file);
		GtkWidget *fileMenu = file ? gtk_menu_item_get_submenu(GTK_MENU_ITEM(file)) : NULL;
		GtkWidget *recent = fileMenu ? reel_item_labelled(fileMenu, r->recent) : NULL;
		if (recent == NULL) continue;
		GtkWidget *menu = gtk_menu_new();
		for (int i = 0; i < r->n; i++) {
			GtkWidget *item = gtk_menu_item_new_with_label(r->labels[i]);
			if (r->n == 1 && r->gen < 0) {
				gtk_widget_set_sensitive(item, FALSE);
			} else {
				g_object_set_data(G_OBJECT(item), "reel-gen", GINT_TO_POINTER(r->gen));
				g_signal_connect(item, "activate", G_CALLBACK(reel_recent_activate), GINT_TO_POINTER(i));
			}
			gtk_menu_shell_append(GTK_MENU_SHELL(menu), item);
			gtk_widget_show(item);
		}
		gtk_menu_item_set_submenu(GTK_MENU_ITEM(recent), menu); // the old submenu is destroyed
		r->done = 1;
	}
	g_list_free(tops);
}

static void reel_recent_free(reel_recent *r) {
	for (int i = 0; i < r->n; i++) free(r->labels[i]);
	free(r->labels);
	free(r->file);
	free(r->recent);
	free(r);
}

static gboolean reel_recent_idle(gpointer data) {
	reel_recent *r = data;
	reel_recent_apply(r);
	reel_recent_free(r);
	return G_SOURCE_REMOVE;
}

static reel_recent *reel_recent_new(int n) {
	reel_recent *r = calloc(1, sizeof(reel_recent));
	r->labels = calloc(n > 0 ? n : 1, sizeof(char *));
	r->n = n;
	return r;
}
static void reel_recent_set_label(reel_recent *r, int i, char *s) { r->labels[i] = s; }

// reel_recent_post applies r on GTK's thread and frees it there.
static void reel_recent_post(reel_recent *r) { g_idle_add(reel_recent_idle, r); }

*/
import "C"

// cRecent copies an update of Open Recent into C memory, which the C side
// frees. A negative gen marks the one disabled "No Recent Folders" item.
func cRecent(labels []string, gen int) *C.reel_recent {
	r := C.reel_recent_new(C.int(len(labels)))
	r.file = C.CString(menuFile)
	r.recent = C.CString(menuOpenRecent)
	r.gen = C.int(gen)
	for i, l := range labels {
		C.reel_recent_set_label(r, C.int(i), C.CString(l))
	}
	return r
}

// setRecentSubmenu replaces the items of File ▸ Open Recent in the window's
// menu bar, in place, on GTK's thread (issue 12). Wails v2.16 cannot: its
// MenuUpdateApplicationMenu on Linux builds a whole new GtkMenuBar and
// accelerator group, adds the group to the window but never packs the
// bar (internal/frontend/desktop/linux/menu.go), so every accelerator is
// bound twice and the bar on screen keeps its old items. Only this
// submenu changes here; its items have no accelerators, and the rest of
// the bar, with its accelerators, stays Wails's.
func setRecentSubmenu(labels []string, gen int) {
	C.reel_recent_post(cRecent(labels, gen))
}
