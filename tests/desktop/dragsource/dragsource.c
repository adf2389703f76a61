// dragsource is a drag source for Reel's desktop tests (issue 10): a small
// window that drags files to another X client by XDND, as a file manager
// does. No Debian package offers one, so the tests build it with the GTK 3
// headers the window's build needs anyway:
//
//	cc -o dragsource dragsource.c $(pkg-config --cflags --libs gtk+-3.0)
//	dragsource X Y FILE...
//
// It maps an undecorated 120×80 window at X, Y (no window manager runs
// under Xvfb, so the window goes where it asks) and prints "ready" once it
// is on screen. A drag started in it with button 1 (xdotool mousedown,
// mousemove, mouseup) offers the FILEs as text/uri-list; it prints
// "data-get" when the target asks for them, "drag-failed N" if the drop
// was refused (GtkDragResult N), then "drag-end", and exits.
#include <gtk/gtk.h>
#include <stdio.h>
#include <stdlib.h>

static gchar **uris;

static void say(const char *what) {
	printf("%s\n", what);
	fflush(stdout);
}

static void on_data_get(GtkWidget *w, GdkDragContext *ctx, GtkSelectionData *data, guint info, guint time, gpointer u) {
	gtk_selection_data_set_uris(data, uris);
	say("data-get");
}

static gboolean on_failed(GtkWidget *w, GdkDragContext *ctx, GtkDragResult result, gpointer u) {
	printf("drag-failed %d\n", (int)result);
	fflush(stdout);
	return TRUE; // no animation of the icon flying back
}

static void on_end(GtkWidget *w, GdkDragContext *ctx, gpointer u) {
	say("drag-end");
	gtk_main_quit();
}

static gboolean on_mapped(GtkWidget *w, GdkEvent *e, gpointer u) {
	say("ready");
	return FALSE;
}

int main(int argc, char **argv) {
	gtk_init(&argc, &argv);
	if (argc < 4) {
		fprintf(stderr, "usage: dragsource X Y FILE...\n");
		return 2;
	}
	uris = g_new0(gchar *, argc - 2);
	for (int i = 3; i < argc; i++) {
		GError *err = NULL;
		uris[i - 3] = g_filename_to_uri(argv[i], NULL, &err);
		if (uris[i - 3] == NULL) {
			fprintf(stderr, "dragsource: %s: %s\n", argv[i], err->message);
			return 2;
		}
	}

	GtkWidget *win = gtk_window_new(GTK_WINDOW_TOPLEVEL);
	gtk_window_set_title(GTK_WINDOW(win), "reel-drag-source");
	gtk_window_set_decorated(GTK_WINDOW(win), FALSE);
	gtk_window_set_default_size(GTK_WINDOW(win), 120, 80);
	gtk_window_move(GTK_WINDOW(win), atoi(argv[1]), atoi(argv[2]));
	GtkWidget *box = gtk_event_box_new();
	gtk_container_add(GTK_CONTAINER(box), gtk_label_new("drag me"));
	gtk_container_add(GTK_CONTAINER(win), box);

	GtkTargetEntry target = {"text/uri-list", 0, 0};
	gtk_drag_source_set(box, GDK_BUTTON1_MASK, &target, 1, GDK_ACTION_COPY);
	g_signal_connect(box, "drag-data-get", G_CALLBACK(on_data_get), NULL);
	g_signal_connect(box, "drag-failed", G_CALLBACK(on_failed), NULL);
	g_signal_connect(box, "drag-end", G_CALLBACK(on_end), NULL);
	g_signal_connect(win, "map-event", G_CALLBACK(on_mapped), NULL);
	g_signal_connect(win, "destroy", G_CALLBACK(gtk_main_quit), NULL);
	gtk_widget_show_all(win);
	gtk_main();
	return 0;
}
