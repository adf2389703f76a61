//go:build desktop

package desktop

import (
	"bufio"
	"context"
	"fmt"
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"reel/internal/rules"
)

// dropEvent is what the page logs of files dropped on the window and of
// the subtitles it shows (issue 10).
type dropEvent struct {
	Event       string    `json:"event"`
	At          time.Time `json:"at"`
	Label       string    `json:"label"`       // 'subtitle-file': the track added; 'cue': the track showing
	Message     string    `json:"message"`     // 'subtitle-file': why nothing was added; 'notify': the toast
	Text        string    `json:"text"`        // 'cue': the cues on screen, "" when none
	CurrentTime float64   `json:"currentTime"` // 'cue', 'subtitle-file': the video's time
	Items       []string  `json:"items"`       // 'captions-menu': the menu's items
	Name        string    `json:"name"`        // 'open'
	On          bool      `json:"on"`          // 'drop-target': the window lit up, or no more
}

// dropEvents reads the events of the app's log named name.
func (a *app) dropEvents(name string) []dropEvent { return logged[dropEvent](a, name) }

// waitDropEvent waits for an event named name, logged after since, that ok
// accepts.
func (a *app) waitDropEvent(what, name string, since time.Time, timeout time.Duration, ok func(dropEvent) bool) dropEvent {
	a.t.Helper()
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		for _, e := range a.dropEvents(name) {
			if !e.At.Before(since) && ok(e) {
				return e
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	a.t.Fatalf("timed out after %v waiting for %s", timeout, what)
	return dropEvent{}
}

// buildDragSource compiles the drag source (dragsource/dragsource.c) with
// the GTK 3 headers the window's build installs, and returns its path.
func buildDragSource(t *testing.T) string {
	t.Helper()
	_, here, _, _ := runtime.Caller(0)
	src := filepath.Join(filepath.Dir(here), "dragsource", "dragsource.c")
	bin := filepath.Join(t.TempDir(), "dragsource")
	flags, err := exec.Command("pkg-config", "--cflags", "--libs", "gtk+-3.0").Output()
	if err != nil {
		t.Fatalf("pkg-config gtk+-3.0: %v (make apt-deps installs libgtk-3-dev)", err)
	}
	args := append([]string{"-o", bin, src}, strings.Fields(string(flags))...)
	if out, err := exec.Command("cc", args...).CombinedOutput(); err != nil {
		t.Fatalf("cc %s: %v\n%s", src, err, out)
	}
	return bin
}

// Where the drag source's window sits: over the window's lower right
// corner, clear of where the tests drop.
const dragFromX, dragFromY = 1150, 560

// dragDrop drags paths from the drag source to screen point (x, y) with
// real input (xdotool's XTEST events, as a mouse gives), the way a person
// drags files from a file manager: XDND between two X clients, nothing
// simulated inside the page. It fails the test when no window took the
// drop.
func dragDrop(t *testing.T, source string, x, y int, paths ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, source, append([]string{fmt.Sprint(dragFromX), fmt.Sprint(dragFromY)}, paths...)...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", source, err)
	}
	defer func() {
		cancel()
		_ = cmd.Wait()
	}()
	lines := make(chan string, 16)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	next := func(what string, timeout time.Duration) string {
		t.Helper()
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatalf("the drag source exited before %s", what)
			}
			return l
		case <-time.After(timeout):
			t.Fatalf("the drag source: no %s after %v", what, timeout)
		}
		return ""
	}
	if l := next("its window", 10*time.Second); l != "ready" {
		t.Fatalf("the drag source said %q, want ready", l)
	}
	time.Sleep(200 * time.Millisecond)
	fromX, fromY := dragFromX+60, dragFromY+40
	mouseTo(t, fromX, fromY)
	time.Sleep(100 * time.Millisecond)
	xdotool(t, "mousedown", "1")
	// Past GTK's drag threshold first, then on in steps: each step is an
	// XDND position message the target answers.
	const steps = 12
	for i := 1; i <= steps; i++ {
		mouseTo(t, fromX+(x-fromX)*i/steps, fromY+(y-fromY)*i/steps)
		time.Sleep(60 * time.Millisecond)
	}
	mouseTo(t, x+2, y+2)
	time.Sleep(300 * time.Millisecond)
	mouseTo(t, x, y)
	time.Sleep(300 * time.Millisecond)
	xdotool(t, "mouseup", "1")
	var said []string
	for {
		l := next("end of the drag", 10*time.Second)
		said = append(said, l)
		if l == "drag-end" {
			break
		}
	}
	if slices.ContainsFunc(said, func(l string) bool { return strings.HasPrefix(l, "drag-failed") }) || !slices.Contains(said, "data-get") {
		t.Fatalf("dropping %v at %d,%d: the window did not take the drop (the drag source said %q)", paths, x, y, said)
	}
}

// windowTitled waits for the visible window titled exactly title and
// returns where it is.
func windowTitled(t *testing.T, title string) window {
	t.Helper()
	waitTitle(t, title)
	w := window{ID: strings.Fields(xdotool(t, "search", "--onlyvisible", "--name", "^"+title+"$"))[0]}
	for _, l := range strings.Split(xdotool(t, "getwindowgeometry", "--shell", w.ID), "\n") {
		fmt.Sscanf(l, "X=%d", &w.X)
		fmt.Sscanf(l, "Y=%d", &w.Y)
		fmt.Sscanf(l, "WIDTH=%d", &w.W)
		fmt.Sscanf(l, "HEIGHT=%d", &w.H)
	}
	return w
}

// greyClip writes a grey 640×360 H.264 clip of secs seconds: subtitles
// drawn on it are found in a screenshot by colour.
func greyClip(t *testing.T, path string, secs int) {
	t.Helper()
	if err := ffmpeg("-f", "lavfi", "-i", "color=c=0x808080:size=640x360:rate=24", "-t", fmt.Sprint(secs),
		"-c:v", "libx264", "-preset", "ultrafast", "-g", "24", "-pix_fmt", "yuv420p", path); err != nil {
		t.Fatal(err)
	}
}

// Dropped subtitles' timing: cue n is on screen from n·cuePeriod to
// n·cuePeriod + cueOn seconds.
const (
	cuePeriod = 6
	cueOn     = 3
	clipSecs  = 90
)

// periodicSRT is an SRT whose cue n reads "LINE n", on the cue timing.
func periodicSRT() string {
	var b strings.Builder
	for n := 0; n*cuePeriod < clipSecs; n++ {
		fmt.Fprintf(&b, "%d\r\n%s --> %s\r\nLINE %d\r\n\r\n", n+1, srtTime(n*cuePeriod), srtTime(n*cuePeriod+cueOn), n)
	}
	return b.String()
}

// periodicASS is assScript's red line (\pos at 10 %, 30 % of the picture),
// on the cue timing.
func periodicASS() string {
	head, _, _ := strings.Cut(assScript, "Dialogue:")
	var b strings.Builder
	b.WriteString(head)
	for n := 0; n*cuePeriod < clipSecs; n++ {
		fmt.Fprintf(&b, "Dialogue: 0,%s,%s,Default,,0,0,0,,{\\an7\\pos(64,108)\\c&H0000FF&\\b1}REEL WWW\r\n", assTime(n*cuePeriod), assTime(n*cuePeriod+cueOn))
	}
	return b.String()
}

func srtTime(s int) string { return fmt.Sprintf("%02d:%02d:%02d,000", s/3600, s/60%60, s%60) }
func assTime(s int) string { return fmt.Sprintf("%d:%02d:%02d.00", s/3600, s/60%60, s%60) }

// cueShown says whether a cue is due at video time v (seconds), and how
// far v is from the nearest cue edge.
func cueShown(v float64) (on bool, margin float64) {
	in := v - float64(cuePeriod)*float64(int(v/cuePeriod))
	if in < cueOn {
		return true, min(in, cueOn-in)
	}
	return false, min(in-cueOn, cuePeriod-in)
}

// videoClock maps wall time to the video's time from one event that
// carries both: the clip plays at 1× from there on.
type videoClock struct {
	at time.Time
	v  float64
}

func (c videoClock) now() float64 { return c.v + time.Since(c.at).Seconds() }

// waitForCueState sleeps until the video is well inside a stretch where a
// cue is due (on) or none is, and returns the video's time then.
func waitForCueState(c videoClock, on bool) float64 {
	for {
		v := c.now()
		if isOn, margin := cueShown(v); isOn == on && margin > 0.8 {
			return v
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// whiteIn counts the near-white pixels of the screenshot at path inside
// box: WebVTT cues are white; the grey clip has none.
func whiteIn(t *testing.T, path string, box image.Rectangle) int {
	n, _ := whiteRows(t, path, box)
	return n
}

// whiteRows counts the near-white pixels of the screenshot at path inside
// box, and returns the row below the lowest of them (box.Min.Y for none).
func whiteRows(t *testing.T, path string, box image.Rectangle) (n, bottom int) {
	t.Helper()
	img, err := loadPNG(path)
	if err != nil {
		t.Fatal(err)
	}
	bottom = box.Min.Y
	for y := box.Min.Y; y < box.Max.Y; y++ {
		for x := box.Min.X; x < box.Max.X; x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			if r>>8 > 225 && g>>8 > 225 && b>>8 > 225 {
				n++
				bottom = y + 1
			}
		}
	}
	return n, bottom
}

// TestWindowDropSubtitles is issue 10's dropped subtitle file in the real
// window, dragged from another X client as from a file manager onto the
// playing video: an .srt's cues show at their times, an .ass is drawn with
// its styling while its lines are due (dropped together with another
// .srt), and the captions menu lists them all.
// A file that is no subtitle file, and one over rules.MaxSubtitleBytes,
// add nothing, say why, and the video plays on. The files lie outside
// the opened folder, as dropped files often do.
func TestWindowDropSubtitles(t *testing.T) {
	source := buildDragSource(t)
	dir, drops := t.TempDir(), t.TempDir()
	video := filepath.Join(dir, "film.mp4")
	greyClip(t, video, clipSecs)
	write := func(name, text string) string {
		p := filepath.Join(drops, name)
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	notes := write("notes.txt", "not subtitles")
	// Over rules.MaxSubtitleBytes, in cues that would parse.
	big := write("big.srt", strings.Repeat(periodicSRT(), rules.MaxSubtitleBytes/len(periodicSRT())+1))
	srt := write("drop.srt", periodicSRT())
	extra := write("extra.srt", periodicSRT())
	ass := write("styled.ass", periodicASS())

	a := launchApp(t, video, launch{})
	a.playsFromLaunch("film.mp4", "reel")
	w := windowTitled(t, "film.mp4 — Reel")
	x, y := w.X+w.W/2, w.Y+w.H/2 // the middle of the picture

	// Not a subtitle file: said so, nothing added, nothing opened.
	start := time.Now()
	dragDrop(t, source, x, y, notes)
	refused := a.waitDropEvent("the refusal of notes.txt", "subtitle-file", start, 10*time.Second, func(dropEvent) bool { return true })
	if want := "Subtitles not loaded: notes.txt: it is not a video, a folder or a subtitle file (.ass, .srt, .ssa, .vtt)"; refused.Message != want {
		t.Errorf("dropping notes.txt: %q, want %q", refused.Message, want)
	}

	// Too large: refused with the reason.
	start = time.Now()
	dragDrop(t, source, x, y, big)
	refused = a.waitDropEvent("the refusal of big.srt", "subtitle-file", start, 10*time.Second, func(dropEvent) bool { return true })
	if want := fmt.Sprintf("Subtitles not loaded: big.srt: it is larger than %d MiB", rules.MaxSubtitleBytes>>20); refused.Message != want {
		t.Errorf("dropping big.srt: %q, want %q", refused.Message, want)
	}

	// The SRT: added, in the menu, and each cue on screen at its time.
	start = time.Now()
	dragDrop(t, source, x, y, srt)
	added := a.waitDropEvent("drop.srt added", "subtitle-file", start, 10*time.Second, func(dropEvent) bool { return true })
	if added.Label != "drop.srt (SRT)" {
		t.Fatalf("dropping drop.srt: added %q (%q), want drop.srt (SRT)", added.Label, added.Message)
	}
	a.waitDropEvent("the captions menu listing drop.srt", "captions-menu", start, 10*time.Second, func(e dropEvent) bool {
		return slices.Contains(e.Items, "drop.srt (SRT)")
	})
	var clock videoClock
	for i := 0; i < 2; i++ {
		cue := a.waitDropEvent("a cue of drop.srt", "cue", start, 2*cuePeriod*time.Second, func(e dropEvent) bool {
			// Not the cue already due when the track came: it shows at once, mid-way.
			return e.Label == "drop.srt (SRT)" && e.Text != "" && e.CurrentTime > added.CurrentTime+0.5
		})
		n := int(cue.CurrentTime+0.5) / cuePeriod
		if want := fmt.Sprintf("LINE %d", n); cue.Text != want || cue.CurrentTime < float64(n*cuePeriod)-0.3 || cue.CurrentTime > float64(n*cuePeriod)+0.5 {
			t.Errorf("cue %q on screen at %.2f s, want %q from %d s", cue.Text, cue.CurrentTime, want, n*cuePeriod)
		}
		gone := a.waitDropEvent("the end of "+cue.Text, "cue", cue.At, 2*cueOn*time.Second, func(e dropEvent) bool {
			return e.Label == "drop.srt (SRT)" && e.Text == ""
		})
		if end := float64(n*cuePeriod + cueOn); gone.CurrentTime < end-0.3 || gone.CurrentTime > end+0.5 {
			t.Errorf("cue %q left the screen at %.2f s, want %.0f s", cue.Text, gone.CurrentTime, end)
		}
		t.Logf("%q on screen from %.2f s to %.2f s", cue.Text, cue.CurrentTime, gone.CurrentTime)
		start, clock = gone.At, videoClock{gone.At, gone.CurrentTime}
	}
	// And on screen: white text on the grey picture while a cue is due, none between.
	v := waitForCueState(clock, true)
	on := screenshot(t, "desktop-drop-srt-on.png")
	picture, _ := colourBoxes(t, on)
	// The cues' line: the middle half across, from the picture's middle
	// down to the window's bottom edge (a cue may sit on the picture's).
	line := image.Rect(picture.Min.X+picture.Dx()/4, picture.Min.Y+picture.Dy()/2, picture.Max.X-picture.Dx()/4, w.Y+w.H)
	whiteOn, textBottom := whiteRows(t, on, line)
	waitForCueState(clock, false)
	off := screenshot(t, "desktop-drop-srt-off.png")
	whiteOff := whiteIn(t, off, line)
	t.Logf("picture %v, cue line %v: %d white pixels at %.1f s (a cue due), %d between cues; the text ends %d px above the picture's bottom",
		picture, line, whiteOn, v, whiteOff, picture.Max.Y-textBottom)
	// Inside the picture, clear of its edge as in mpv (player/cueinset.ts):
	// it once sat on the edge, running into the black bar below.
	if margin := picture.Max.Y - textBottom; whiteOn > 0 && margin < picture.Dy()/60 {
		t.Errorf("the cue's text ends %d px above the picture's bottom edge, want at least %d (%s)", margin, picture.Dy()/60, on)
	}
	if picture.Empty() || whiteOn < 200 || whiteOff*5 > whiteOn {
		t.Errorf("the dropped cue on screen: %d white pixels while due (%s), %d between cues (%s); want a line of text, then none",
			whiteOn, on, whiteOff, off)
	}

	// Two files at once, the ASS last: both added, and the ASS, shown,
	// drawn in red where \pos puts it while its lines are due.
	start = time.Now()
	dragDrop(t, source, x, y, extra, ass)
	added = a.waitDropEvent("styled.ass added", "subtitle-file", start, 10*time.Second, func(e dropEvent) bool { return e.Label == "styled.ass (ASS)" })
	menu := a.waitDropEvent("the captions menu listing all three", "captions-menu", start, 10*time.Second, func(e dropEvent) bool {
		return slices.Contains(e.Items, "styled.ass (ASS)") && slices.Contains(e.Items, "extra.srt (SRT)")
	})
	if !slices.Contains(menu.Items, "drop.srt (SRT)") || slices.ContainsFunc(menu.Items, func(i string) bool {
		return strings.Contains(i, "notes.txt") || strings.Contains(i, "big.srt")
	}) {
		t.Errorf("captions menu %q, want drop.srt, extra.srt and styled.ass, and neither refused file", menu.Items)
	}
	a.waitFor("the styled subtitles' renderer", 30*time.Second, func(e event) bool {
		if e.Event == "ass-error" {
			t.Fatalf("styled subtitles failed: %s", e.Message)
		}
		return e.Event == "ass-ready"
	})
	clock = videoClock{added.At, added.CurrentTime}
	// The renderer's first frame can take a moment: look in the next stretch a line is due.
	waitForCueState(clock, false)
	v = waitForCueState(clock, true)
	on = screenshot(t, "desktop-drop-ass-on.png")
	waitForCueState(clock, false)
	off = screenshot(t, "desktop-drop-ass-off.png")
	picture, red := colourBoxes(t, on)
	if red.Empty() {
		t.Fatalf("no red line on screen at %.1f s, while one is due (%s); picture %v", v, on, picture)
	}
	left := float64(red.Min.X-picture.Min.X) / float64(picture.Dx())
	top := float64(red.Min.Y-picture.Min.Y) / float64(picture.Dy())
	t.Logf("at %.1f s: picture %v, red line %v: left %.3f, top %.3f of the picture", v, picture, red, left, top)
	if left < 0.08 || left > 0.12 || top < 0.26 || top > 0.34 {
		t.Errorf("the dropped ASS line starts at %.3f across, %.3f down; \\pos puts it at 0.10, 0.30", left, top)
	}
	if _, red := colourBoxes(t, off); !red.Empty() {
		t.Errorf("a red line %v is on screen between the ASS lines (%s)", red, off)
	}

	// Nothing was lost on the way: the same video played all along.
	for _, e := range a.dropEvents("open") {
		if e.Name != "film.mp4" {
			t.Errorf("a drop opened %q", e.Name)
		}
	}
	a.checkNoMediaError()
}

// TestWindowDropOnLibrary is a drop on the library (issues 10 and 12): a
// subtitle file has no video to go to, so the window says where to drop
// it and the folder stays; a dropped folder opens, and a dropped video
// plays.
func TestWindowDropOnLibrary(t *testing.T) {
	source := buildDragSource(t)
	dir, other, drops := t.TempDir(), t.TempDir(), t.TempDir()
	greyClip(t, filepath.Join(dir, "film.mp4"), 10)
	if err := os.Link(filepath.Join(dir, "film.mp4"), filepath.Join(other, "other.mp4")); err != nil {
		t.Fatal(err)
	}
	srt := filepath.Join(drops, "drop.srt")
	if err := os.WriteFile(srt, []byte(periodicSRT()), 0o600); err != nil {
		t.Fatal(err)
	}
	a := launchApp(t, dir, launch{})
	w := findWindow(t)
	a.waitLayout(30*time.Second, "film.mp4")
	x, y := w.X+w.W/2, w.Y+w.H/2

	start := time.Now()
	dragDrop(t, source, x, y, srt)
	note := a.waitDropEvent("the note on drop.srt", "notify", start, 10*time.Second, func(dropEvent) bool { return true })
	if want := "drop.srt is a subtitle file: play its video, then drop it on the player"; note.Message != want {
		t.Errorf("dropping drop.srt on the library: %q, want %q", note.Message, want)
	}
	// The window lit up while the file was over it, and went dark with the
	// drop: the page sees no drag of its own here (drop_linux.go).
	a.waitDropEvent("the window dark after the drop", "drop-target", start, 5*time.Second, func(e dropEvent) bool { return !e.On })
	var lit []bool
	for _, e := range a.dropEvents("drop-target") {
		lit = append(lit, e.On)
	}
	if !slices.Equal(lit, []bool{true, false}) {
		t.Errorf("the window's drop highlight during the drag: %v, want [true false]", lit)
	}

	dragDrop(t, source, x, y, other)
	if e := a.waitLayout(30*time.Second, "other.mp4"); hasRows(e, "film.mp4") {
		t.Errorf("the dropped folder's listing shows the first folder's film.mp4")
	}
	if n := len(a.dropEvents("open")); n != 0 {
		t.Errorf("%d videos opened before any was dropped", n)
	}

	dragDrop(t, source, x, y, filepath.Join(dir, "film.mp4"))
	opened := a.waitFor("the dropped video to open", 30*time.Second, isEvent("open"))
	if opened.Name != "film.mp4" {
		t.Errorf("dropping film.mp4 opened %q", opened.Name)
	}
	a.waitFor("the dropped video to play", 30*time.Second, isEvent("playing"))
	a.checkNoMediaError()
}
