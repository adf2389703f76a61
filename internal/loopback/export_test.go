package loopback

import "time"

// ScaleTimeouts multiplies the listener's read and idle timeouts by f, so a
// test sees them expire in milliseconds; a timeout that is off stays off.
func ScaleTimeouts(s *Server, f float64) {
	scale := func(d *time.Duration) { *d = time.Duration(float64(*d) * f) }
	scale(&s.srv.ReadHeaderTimeout)
	scale(&s.srv.ReadTimeout)
	scale(&s.srv.IdleTimeout)
}
