//go:build desktop

package desktop

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"
)

// ffmpeg runs ffmpeg quietly; safe to call from any goroutine.
func ffmpeg(args ...string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	args = append([]string{"-nostdin", "-loglevel", "error", "-y"}, args...)
	if out, err := exec.CommandContext(ctx, "ffmpeg", args...).CombinedOutput(); err != nil {
		return fmt.Errorf("ffmpeg %v: %v\n%s", args, err, bytes.TrimSpace(out))
	}
	return nil
}

// parallel runs jobs at once and fails the test with their errors.
func parallel(t *testing.T, jobs []func() error) {
	t.Helper()
	errs := make([]error, len(jobs))
	var wg sync.WaitGroup
	for i, job := range jobs {
		wg.Go(func() { errs[i] = job() })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
}

// cut is a short clip cut from the test clip, made to look different.
type cut struct {
	Name   string
	Start  string // where in clip.mp4 it begins
	Filter string // what makes its picture distinct
}

// libraryCuts are the clips of the library test: four places in clip.mp4,
// each mirrored, recoloured or cropped, so that no two posters (nor the
// 5-hour file's, the plain pattern) look alike.
var libraryCuts = []cut{
	{"Alpha.mp4", "5", "hflip"},
	{"Bravo.mp4", "20", "hue=h=150:s=1.4"},
	{"Charlie.mp4", "35", "negate"},
	{"Delta.mp4", "50", "crop=iw/3:ih/3:iw/3:ih/3,hue=h=260"},
}

// makeCuts writes cuts of REEL_TEST_VIDEOS/Extras/clip.mp4 into dir, in parallel.
func makeCuts(t *testing.T, dir string, cuts []cut) {
	t.Helper()
	src := filepath.Join(env(t, "REEL_TEST_VIDEOS"), "Extras", "clip.mp4")
	if _, err := os.Stat(src); err != nil {
		t.Fatalf("the test clip: %v", err)
	}
	var jobs []func() error
	for _, c := range cuts {
		jobs = append(jobs, func() error {
			return ffmpeg("-ss", c.Start, "-t", "4", "-i", src,
				"-vf", c.Filter+",scale=640:360,setsar=1", "-c:v", "libx264", "-preset", "ultrafast",
				"-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "64k", filepath.Join(dir, c.Name))
		})
	}
	parallel(t, jobs)
}

// linkBig puts the 5-hour video into dir as a hard link: a symlink leading
// out of the opened folder is (rightly) neither listed nor served.
func linkBig(t *testing.T, dir string) bool {
	t.Helper()
	src := filepath.Join(env(t, "REEL_TEST_VIDEOS"), bigVideo)
	if err := os.Link(src, filepath.Join(dir, bigVideo)); err != nil {
		t.Logf("cannot hard-link %s into %s (%v); the library test goes on without it", src, dir, err)
		return false
	}
	return true
}

// scene is a made-up video for the README screenshot: a picture drawn by
// ffmpeg, held for a duration that reads like a real video's.
type scene struct {
	Name     string
	Seconds  int
	Modified time.Time
	// Exactly one of Geq (a geq filter drawing 640×360 RGB) and Source (a
	// lavfi source, with Seek seconds into it) is set.
	Geq    string
	Source string
	Seek   string
	Sub    string // subfolder, "" for the top
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 18, 30, 0, 0, time.Local) }

// sunset over the sea: sky gradient, the sun and its glow, a rippled reflection.
const sunsetGeq = `r='st(0,Y/230);st(1,hypot(X-420,Y-185));if(lt(Y,230),min(255,40+215*ld(0)+150*exp(-ld(1)/45)+if(lt(ld(1),34),255,0)),min(255,25+8*(Y-230)/130+if(lt(abs(X-420),30+50*(Y-230)/130),(200-120*(Y-230)/130)*gt(sin(Y*1.3+sin(X/11)*2),0.2),0)))':` +
	`g='st(0,Y/230);st(1,hypot(X-420,Y-185));if(lt(Y,230),min(255,30+110*pow(ld(0),1.6)+110*exp(-ld(1)/45)+if(lt(ld(1),34),230,0)),min(255,32+10*(Y-230)/130+if(lt(abs(X-420),30+50*(Y-230)/130),(120-70*(Y-230)/130)*gt(sin(Y*1.3+sin(X/11)*2),0.2),0)))':` +
	`b='st(0,Y/230);st(1,hypot(X-420,Y-185));if(lt(Y,230),min(255,95-35*ld(0)+40*exp(-ld(1)/45)+if(lt(ld(1),34),200,0)),min(255,62+10*(Y-230)/130+if(lt(abs(X-420),30+50*(Y-230)/130),(60-30*(Y-230)/130)*gt(sin(Y*1.3+sin(X/11)*2),0.2),0)))'`

// three mountain ridges fading into a pale sky.
const ridges = `st(0,if(gt(Y,250+25*sin(X/37)+12*sin(X/13)),0,if(gt(Y,190+40*sin(X/71+1)+15*sin(X/23)),1,if(gt(Y,140+50*sin(X/97+2)+20*sin(X/31)),2,3))))`
const mountainsGeq = `r='` + ridges + `;if(eq(ld(0),3),235-Y*0.35,if(eq(ld(0),2),150,if(eq(ld(0),1),95,45)))':` +
	`g='` + ridges + `;if(eq(ld(0),3),200-Y*0.2,if(eq(ld(0),2),160,if(eq(ld(0),1),115,70)))':` +
	`b='` + ridges + `;if(eq(ld(0),3),170+Y*0.1,if(eq(ld(0),2),185,if(eq(ld(0),1),150,95)))'`

// green curtains of light over a dark treeline, with stars.
const aurora = `st(0,200+35*sin(X/70)+18*sin(X/27+1));st(1,if(lt(Y,ld(0)),exp(-(ld(0)-Y)/55),exp(-pow((Y-ld(0))/7,2)))*(0.55+0.45*sin(X/6+3*sin(X/45))));st(2,gt(Y,318+10*sin(X/17)+8*sin(X/5)))`
const auroraGeq = `r='` + aurora + `;if(ld(2),4,min(255,6+60*ld(1)*gt(ld(0)-Y,70)+255*gt(random(1),0.9985)))':` +
	`g='` + aurora + `;if(ld(2),8,min(255,12+0.05*Y+235*ld(1)+255*gt(random(1),0.9985)))':` +
	`b='` + aurora + `;if(ld(2),12,min(255,35+0.1*Y+110*ld(1)+255*gt(random(1),0.9985)))'`

// sand dunes under a warm sky.
const dunes = `st(0,200+30*sin(X/80)+20*sin(X/31+2))`
const dunesGeq = `r='` + dunes + `;if(lt(Y,ld(0)-60+20*sin(X/50)),250-Y*0.3,if(lt(Y,ld(0)),min(255,215+25*sin((X+Y*2)/40)),min(255,190+30*sin((X-Y*3)/35))))':` +
	`g='` + dunes + `;if(lt(Y,ld(0)-60+20*sin(X/50)),200-Y*0.1,if(lt(Y,ld(0)),140+20*sin((X+Y*2)/40),110+25*sin((X-Y*3)/35)))':` +
	`b='` + dunes + `;if(lt(Y,ld(0)-60+20*sin(X/50)),150+Y*0.2,if(lt(Y,ld(0)),70+10*sin((X+Y*2)/40),50+15*sin((X-Y*3)/35)))'`

// a skyline at dusk with lit windows.
const city = `st(0,floor(X/34));st(1,150+90*abs(sin(ld(0)*12.9898)));st(2,gt(Y,ld(1)));st(3,ld(2)*lt(mod(X,34),28)*gt(mod(X,7),2)*lt(mod(Y,11),6)*gt(sin(floor(X/7)*78.233+floor(Y/11)*37.719)*43758-floor(sin(floor(X/7)*78.233+floor(Y/11)*37.719)*43758),0.55))`
const cityGeq = `r='` + city + `;if(ld(3),255,if(ld(2),18,min(255,20+0.25*Y)))':` +
	`g='` + city + `;if(ld(3),200,if(ld(2),20,min(255,15+0.1*Y)))':` +
	`b='` + city + `;if(ld(3),110,if(ld(2),32,min(255,55+0.1*Y)))'`

// readmeScenes is the folder the README screenshot shows.
var readmeScenes = []scene{
	{Name: "Holiday 2024.mp4", Seconds: 12*60 + 48, Modified: day(2024, time.August, 17), Geq: sunsetGeq},
	{Name: "Northern Lights.mp4", Seconds: 3*60 + 27, Modified: day(2025, time.January, 9), Geq: auroraGeq},
	{Name: "Mountain Trail.mp4", Seconds: 24*60 + 5, Modified: day(2025, time.June, 2), Geq: mountainsGeq},
	{Name: "Desert Crossing.mp4", Seconds: 6*60 + 12, Modified: day(2025, time.March, 28), Geq: dunesGeq},
	{Name: "City at Night.mp4", Seconds: 41*60 + 50, Modified: day(2025, time.October, 4), Geq: cityGeq},
	{Name: "Fractal Zoom.mp4", Seconds: 2*60 + 40, Modified: day(2025, time.November, 11),
		Source: "mandelbrot=size=640x360:rate=24:end_pts=100:outer=normalized_iteration_count:inner=black,hue=h=200:s=0.7", Seek: "1"},
	{Name: "Game of Life.mp4", Seconds: 58, Modified: day(2025, time.May, 20),
		Source: "life=s=160x90:mold=10:r=24:ratio=0.1:death_color=#10131c:life_color=#7ee8fa:mold_color=#3a2e6e:seed=7", Seek: "4"},
	{Name: "Birthday Party.mp4", Seconds: 18*60 + 31, Modified: day(2024, time.December, 14), Sub: "Family",
		Geq: sunsetGeq},
	{Name: "First Steps.mp4", Seconds: 1*60 + 5, Modified: day(2023, time.April, 2), Sub: "Family",
		Geq: mountainsGeq},
	{Name: "Lisbon.mp4", Seconds: 9*60 + 40, Modified: day(2024, time.July, 3), Sub: "Trips",
		Geq: cityGeq},
}

// makeScenes writes the scenes into dir: one picture each, held still for
// its duration at 720p and one frame a second, which encodes in moments.
func makeScenes(t *testing.T, dir string, scenes []scene) {
	t.Helper()
	tmp := t.TempDir()
	var jobs []func() error
	for i, s := range scenes {
		jobs = append(jobs, func() error {
			still := filepath.Join(tmp, fmt.Sprintf("%d.png", i))
			var err error
			if s.Geq != "" {
				err = ffmpeg("-f", "lavfi", "-i", "color=c=black:s=640x360,format=gbrp,geq="+s.Geq, "-frames:v", "1", still)
			} else {
				// These sources cannot seek: read up to the frame wanted.
				err = ffmpeg("-f", "lavfi", "-i", s.Source, "-vf", "trim=start="+s.Seek+",setpts=PTS-STARTPTS,scale=640:360:flags=neighbor",
					"-frames:v", "1", still)
			}
			if err != nil {
				return err
			}
			out := filepath.Join(dir, s.Sub, s.Name)
			if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
				return err
			}
			err = ffmpeg("-loop", "1", "-framerate", "1", "-t", strconv.Itoa(s.Seconds), "-i", still,
				"-vf", "scale=1280:720:flags=bicubic,format=yuv420p", "-c:v", "libx264", "-preset", "ultrafast",
				"-tune", "stillimage", "-r", "1", out)
			if err != nil {
				return err
			}
			return os.Chtimes(out, s.Modified, s.Modified)
		})
	}
	parallel(t, jobs)
}
