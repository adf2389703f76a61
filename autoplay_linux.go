//go:build linux && cgo

package main

/*
#cgo webkit2_41 pkg-config: webkit2gtk-4.1
#cgo !webkit2_41 pkg-config: webkit2gtk-4.0
#include <webkit2/webkit2.h>

// reel_allow_autoplay makes WEBKIT_AUTOPLAY_ALLOW the default of every
// WebKitWebsitePolicies made from now on, the web view's own included. It
// makes no WebKit object: the first one must be made on GTK's thread. The
// class stays referenced, its property holding the default.
static int reel_allow_autoplay(void) {
	GObjectClass *klass = g_type_class_ref(WEBKIT_TYPE_WEBSITE_POLICIES);
	GParamSpec *spec = g_object_class_find_property(klass, "autoplay");
	if (spec == NULL || !G_IS_PARAM_SPEC_ENUM(spec)) {
		return 0;
	}
	G_PARAM_SPEC_ENUM(spec)->default_value = WEBKIT_AUTOPLAY_ALLOW;
	return 1;
}

// reel_new_policies_allow reports whether new website policies allow
// autoplay with sound.
static int reel_new_policies_allow(void) {
	WebKitWebsitePolicies *p = webkit_website_policies_new();
	int ok = webkit_website_policies_get_autoplay_policy(p) == WEBKIT_AUTOPLAY_ALLOW;
	g_object_unref(p);
	return ok;
}
*/
import "C"

import "errors"

// allowAutoplay lets the page start a video with sound without a click or
// a key first, as `reel FILE`, a second launch and "Open with Reel" need
// (issue 12). WebKitGTK's default policy is WEBKIT_AUTOPLAY_ALLOW_WITHOUT_SOUND:
// play() then starts, and once GStreamer finds an audio track WebKit pauses
// the video and rejects the play() with NotAllowedError. Wails v2 makes the
// web view itself, with default website policies (a construct-only
// property), so the default of the policy's own property is changed here,
// before wails.Run creates the view. The page is Reel's own; nothing else
// loads in this view.
func allowAutoplay() error {
	if C.reel_allow_autoplay() == 0 {
		return errors.New("WebKitGTK's website policies have no autoplay property: a video opened from outside waits for Space")
	}
	return nil
}

// newPoliciesAllowAutoplay reports whether a web view made now would let
// the page play with sound by itself. It makes a WebKit object: call it
// on the thread GTK will run on, or in a test.
func newPoliciesAllowAutoplay() bool { return C.reel_new_policies_allow() != 0 }
