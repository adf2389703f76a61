package metadata

import (
	"bytes"
	"log"
	"strings"
	"testing"
)

// TestLogQuotesNames is issue 11 item 9: a file name with a newline cannot
// forge a line of the log; names are quoted.
func TestLogQuotesNames(t *testing.T) {
	t.Parallel()
	forged := "x\nreel: 00:00:00 forged line.mp4"
	f := newFixture(t, map[string][]byte{forged: []byte("not a video at all, just text")})
	var buf bytes.Buffer
	f.svc.log = log.New(&buf, "reel: ", 0)
	ids := f.ids(t)
	f.svc.Get([]string{ids[forged]})
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(lines) != 1 || !strings.Contains(lines[0], `"x\nreel:`) {
		t.Errorf("log of a failed probe of %q:\n%s\nwant one line with the name quoted", forged, buf.String())
	}
}
