/*
 * reelsrc: the GStreamer source WebKitGTK uses for Reel's reel:// media URLs.
 *
 * WebKitGTK fetches http:// media through its network process, which holds
 * media data back before handing it to GStreamer, so every seek that needs
 * a new range request waits for that batch. A reel:// URL is played by this
 * element instead: a bin around GStreamer's own souphttpsrc, in the web
 * process, reading Reel's loopback media listener directly.
 *
 * Only loopback addresses are accepted: reel://127.0.0.1:PORT/PATH?QUERY
 * (or [::1]) becomes http://127.0.0.1:PORT/PATH?QUERY; anything else is a
 * bad URI. The listener still checks its token and Host on every request.
 *
 * Reel sets WEBKIT_GST_ALLOWED_URI_PROTOCOLS=reel and puts this plugin's
 * folder on GST_PLUGIN_PATH before the webview starts (mediascheme_linux.go).
 */
#include <gst/gst.h>
#include <string.h>

#define REEL_SCHEME "reel://"

typedef struct {
  GstBin parent;
  GstElement *http;
  gchar *uri;
} ReelSrc;

typedef struct {
  GstBinClass parent_class;
} ReelSrcClass;

static void reel_src_uri_handler_init(gpointer iface, gpointer data);

G_DEFINE_TYPE_WITH_CODE(ReelSrc, reel_src, GST_TYPE_BIN,
    G_IMPLEMENT_INTERFACE(GST_TYPE_URI_HANDLER, reel_src_uri_handler_init));

static GstStaticPadTemplate src_template =
    GST_STATIC_PAD_TEMPLATE("src", GST_PAD_SRC, GST_PAD_ALWAYS, GST_STATIC_CAPS_ANY);

static void reel_src_init(ReelSrc *self) {
  self->http = gst_element_factory_make("souphttpsrc", "http");
  if (self->http == NULL) {
    return; /* set_uri reports it: gstreamer1.0-plugins-good is missing */
  }
  /* One connection for the seeks of a video, not one each. */
  g_object_set(self->http, "keep-alive", TRUE, NULL);
  gst_bin_add(GST_BIN(self), self->http);
  GstPad *target = gst_element_get_static_pad(self->http, "src");
  GstPad *ghost = gst_ghost_pad_new_from_template("src", target, gst_static_pad_template_get(&src_template));
  gst_element_add_pad(GST_ELEMENT(self), ghost);
  gst_object_unref(target);
}

static void reel_src_finalize(GObject *object) {
  g_free(((ReelSrc *)object)->uri);
  G_OBJECT_CLASS(reel_src_parent_class)->finalize(object);
}

/* reel_src_query answers the scheduling query as a local file would: not
 * bandwidth-limited. uridecodebin then adds no download buffer, and
 * WebKitGTK's on-disk buffering (a copy of all that plays, in /var/tmp)
 * never starts: the listener on this machine is as near as the disk. */
static gboolean reel_src_query(GstElement *element, GstQuery *query) {
  if (!GST_ELEMENT_CLASS(reel_src_parent_class)->query(element, query)) return FALSE;
  if (GST_QUERY_TYPE(query) == GST_QUERY_SCHEDULING) {
    GstSchedulingFlags flags;
    gint minsize, maxsize, align;
    gst_query_parse_scheduling(query, &flags, &minsize, &maxsize, &align);
    gst_query_set_scheduling(query, flags & ~GST_SCHEDULING_FLAG_BANDWIDTH_LIMITED, minsize, maxsize, align);
  }
  return TRUE;
}

/* GST_PLAY_FLAG_TEXT of playbin's "flags" (GstPlayFlags, gst-plugins-base). */
#define PLAY_FLAG_TEXT (1 << 2)

/* drop_playbin_text clears the text flag of the playbin this source plays
 * in. playbin links every subtitle stream of a file to a queue and its
 * text sink; with two or more (common in MKVs), a seek's flush waits on
 * the subtitle queue's pad lock while that queue waits for a first buffer
 * that never comes, and the web process freezes (issue 10, read with gdb
 * in WebKitGTK 2.50 with GStreamer 1.22). Reel never shows the engine's
 * own subtitle tracks: it extracts them and draws them in the page. */
static void drop_playbin_text(GstElement *element) {
  GstObject *up = gst_object_get_parent(GST_OBJECT(element));
  while (up != NULL) {
    if (g_str_equal(G_OBJECT_TYPE_NAME(up), "GstPlayBin")) {
      guint flags = 0;
      g_object_get(up, "flags", &flags, NULL);
      if (flags & PLAY_FLAG_TEXT) g_object_set(up, "flags", flags & ~PLAY_FLAG_TEXT, NULL);
      gst_object_unref(up);
      return;
    }
    GstObject *next = gst_object_get_parent(up);
    gst_object_unref(up);
    up = next;
  }
}

static GstStateChangeReturn reel_src_change_state(GstElement *element, GstStateChange transition) {
  if (transition == GST_STATE_CHANGE_NULL_TO_READY) drop_playbin_text(element);
  return GST_ELEMENT_CLASS(reel_src_parent_class)->change_state(element, transition);
}

static void reel_src_class_init(ReelSrcClass *klass) {
  G_OBJECT_CLASS(klass)->finalize = reel_src_finalize;
  GST_ELEMENT_CLASS(klass)->change_state = reel_src_change_state;
  GST_ELEMENT_CLASS(klass)->query = reel_src_query;
  gst_element_class_add_static_pad_template(GST_ELEMENT_CLASS(klass), &src_template);
  gst_element_class_set_static_metadata(GST_ELEMENT_CLASS(klass), "Reel media source", "Source/Network",
      "Reads reel:// media from Reel's loopback listener", "Reel");
}

static GstURIType reel_src_uri_get_type(GType type) { return GST_URI_SRC; }

static const gchar *const *reel_src_uri_get_protocols(GType type) {
  static const gchar *protocols[] = {"reel", NULL};
  return protocols;
}

static gchar *reel_src_uri_get_uri(GstURIHandler *handler) { return g_strdup(((ReelSrc *)handler)->uri); }

/* loopback_rest returns what follows a loopback host in a reel:// URI
 * ("PORT/..." after "127.0.0.1:"), or NULL for any other host. */
static const gchar *loopback_rest(const gchar *uri, const gchar **host) {
  static const gchar *hosts[] = {"127.0.0.1:", "[::1]:", NULL};
  if (!g_str_has_prefix(uri, REEL_SCHEME)) return NULL;
  const gchar *after = uri + strlen(REEL_SCHEME);
  for (int i = 0; hosts[i] != NULL; i++) {
    if (g_str_has_prefix(after, hosts[i])) {
      *host = hosts[i];
      return after + strlen(hosts[i]);
    }
  }
  return NULL;
}

static gboolean reel_src_uri_set_uri(GstURIHandler *handler, const gchar *uri, GError **error) {
  ReelSrc *self = (ReelSrc *)handler;
  const gchar *host = NULL;
  const gchar *rest = loopback_rest(uri, &host);
  if (rest == NULL || !g_ascii_isdigit(rest[0])) {
    g_set_error(error, GST_URI_ERROR, GST_URI_ERROR_BAD_URI, "reelsrc: %s is not a reel:// URI of a loopback address", uri);
    return FALSE;
  }
  if (self->http == NULL) {
    g_set_error(error, GST_URI_ERROR, GST_URI_ERROR_BAD_STATE, "reelsrc: souphttpsrc is missing (gstreamer1.0-plugins-good)");
    return FALSE;
  }
  gchar *location = g_strconcat("http://", host, rest, NULL);
  g_object_set(self->http, "location", location, NULL);
  g_free(location);
  g_free(self->uri);
  self->uri = g_strdup(uri);
  return TRUE;
}

static void reel_src_uri_handler_init(gpointer iface, gpointer data) {
  GstURIHandlerInterface *i = iface;
  i->get_type = reel_src_uri_get_type;
  i->get_protocols = reel_src_uri_get_protocols;
  i->get_uri = reel_src_uri_get_uri;
  i->set_uri = reel_src_uri_set_uri;
}

static gboolean plugin_init(GstPlugin *plugin) {
  return gst_element_register(plugin, "reelsrc", GST_RANK_PRIMARY, reel_src_get_type());
}

#define PACKAGE "reel"
GST_PLUGIN_DEFINE(GST_VERSION_MAJOR, GST_VERSION_MINOR, reel, "Reel's media source for WebKitGTK", plugin_init, "1.0",
    "unknown", "Reel", "reel")
