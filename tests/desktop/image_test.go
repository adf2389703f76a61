//go:build desktop

package desktop

import (
	"fmt"
	"image"
	"image/png"
	"math"
	"os"
)

// loadPNG reads a screenshot.
func loadPNG(path string) (image.Image, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return png.Decode(f)
}

// posterRect is the on-screen box of the upper two thirds of a card's 16:9
// poster, a few pixels inside its rounded border: the duration chip and
// badges along the bottom are left out.
func posterRect(w window, r row, dpr float64) image.Rectangle {
	const inset = 6
	x0, y0 := w.screen(r.X+inset, r.Y+inset, dpr)
	x1, y1 := w.screen(r.X+r.W-inset, r.Y+r.W*9/16*2/3, dpr)
	return image.Rect(x0, y0, x1, y1)
}

// pixelStats describes what is painted in a box of a screenshot.
type pixelStats struct {
	Colors   int              // distinct colours at 4 bits a channel
	LumaSD   float64          // standard deviation of the luma, 0–255
	Dominant float64          // share of the most common of those colours
	Grid     [8][8][3]float64 // mean colour of an 8×8 grid of cells
}

func (s pixelStats) String() string {
	return fmt.Sprintf("%d colours, luma sd %.1f, dominant %.0f %%", s.Colors, s.LumaSD, 100*s.Dominant)
}

// painted reports whether the box shows a picture rather than the card's
// placeholder: a dark gradient with a dim film icon has about six colours,
// a luma spread near 5, and one colour over half of it.
func (s pixelStats) painted() bool {
	return s.Colors >= 16 && s.LumaSD >= 8 && s.Dominant < 0.5
}

func statsOf(img image.Image, box image.Rectangle) pixelStats {
	box = box.Intersect(img.Bounds())
	var st pixelStats
	if box.Empty() {
		return st
	}
	counts := map[uint16]int{}
	var sum, sum2 float64
	var cells [8][8][4]float64
	n := 0
	for y := box.Min.Y; y < box.Max.Y; y++ {
		for x := box.Min.X; x < box.Max.X; x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			r8, g8, b8 := float64(r>>8), float64(g>>8), float64(b>>8)
			counts[uint16(r>>12)<<8|uint16(g>>12)<<4|uint16(b>>12)]++
			l := 0.299*r8 + 0.587*g8 + 0.114*b8
			sum += l
			sum2 += l * l
			cx := (x - box.Min.X) * 8 / box.Dx()
			cy := (y - box.Min.Y) * 8 / box.Dy()
			c := &cells[cy][cx]
			c[0] += r8
			c[1] += g8
			c[2] += b8
			c[3]++
			n++
		}
	}
	st.Colors = len(counts)
	mean := sum / float64(n)
	st.LumaSD = math.Sqrt(math.Max(0, sum2/float64(n)-mean*mean))
	top := 0
	for _, c := range counts {
		top = max(top, c)
	}
	st.Dominant = float64(top) / float64(n)
	for y := range cells {
		for x := range cells[y] {
			if c := cells[y][x]; c[3] > 0 {
				st.Grid[y][x] = [3]float64{c[0] / c[3], c[1] / c[3], c[2] / c[3]}
			}
		}
	}
	return st
}

// gridDistance is the mean absolute difference of two boxes' 8×8 grids,
// 0–255: small when they show the same picture.
func gridDistance(a, b pixelStats) float64 {
	var d float64
	for y := range a.Grid {
		for x := range a.Grid[y] {
			for c := range 3 {
				d += math.Abs(a.Grid[y][x][c] - b.Grid[y][x][c])
			}
		}
	}
	return d / (8 * 8 * 3)
}
