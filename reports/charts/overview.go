package charts

import (
	"bytes"
	"fmt"
	"math"

	"github.com/wcharczuk/go-chart/v2/drawing"
)

// The dashboard's chart kinds (SPEC §7.5): a sparkline per team and
// measure, the team comparison, a person's timeline.

var (
	colorHire  = drawing.ColorFromHex("C62828")
	colorWatch = drawing.ColorFromHex("E09A00")
	colorOK    = drawing.ColorFromHex("2E7D32")
)

// LevelColor is the verdict's colour, as the dashboard's badges use it.
func LevelColor(level string) drawing.Color {
	switch level {
	case "hire_po":
		return colorHire
	case "watch":
		return colorWatch
	case "ok":
		return colorOK
	}
	return colorMuted
}

func (c *canvas) bytes() ([]byte, error) {
	var buf bytes.Buffer
	if err := c.r.Save(&buf); err != nil {
		return nil, fmt.Errorf("save chart: %w", err)
	}
	return buf.Bytes(), nil
}

// Sparkline sizes: small enough for a table row.
const (
	SparkWidth  = 132
	SparkHeight = 32
)

// Sparkline draws values (oldest first, nil for a week without data) as a
// line on a 0..1 scale (shares), with the threshold as a dashed line and
// the last value as a dot.
func Sparkline(values []*float64, threshold float64, format Format) ([]byte, error) {
	c, err := newCanvasSized(format, SparkWidth, SparkHeight)
	if err != nil {
		return nil, err
	}
	c.x0, c.x1, c.y0, c.y1, c.ymax = 3, SparkWidth-5, 4, SparkHeight-4, 1
	c.line(c.x0, c.y1, c.x1, c.y1, colorGrid, 1, nil)
	ty := c.y(threshold)
	c.line(c.x0, ty, c.x1, ty, colorLimit, 1, []float64{3, 2})
	n := len(values)
	var run [][2]int
	var last *[2]int
	for i, v := range values {
		if v == nil {
			c.polyline(run, colorBar, 1.6)
			run = nil
			continue
		}
		x := c.x0
		if n > 1 {
			x = c.x0 + int(math.Round(float64(i)*float64(c.x1-c.x0)/float64(n-1)))
		}
		p := [2]int{x, c.y(math.Min(math.Max(*v, 0), 1))}
		run = append(run, p)
		last = &p
	}
	c.polyline(run, colorBar, 1.6)
	if last != nil {
		c.dot(last[0], last[1], 2.6, colorBar)
	}
	return c.bytes()
}

// Point is one team in the comparison.
type Point struct {
	Label string
	X, Y  *float64 // nil: not measured, the team is listed below the plot
	Level string   // verdict level, for the colour
}

// Comparison sizes.
const (
	CompareWidth  = 760
	CompareHeight = 460
)

// Comparison draws one point per team: the daily-input share (x) against
// the PM's discovery share (y), with both thresholds as lines, so the
// corner of many requests and little discovery stands out.
func Comparison(points []Point, xThreshold, yThreshold float64, format Format) ([]byte, error) {
	c, err := newCanvasSized(format, CompareWidth, CompareHeight)
	if err != nil {
		return nil, err
	}
	c.x0, c.x1, c.y0, c.y1, c.ymax = 70, CompareWidth-24, 56, CompareHeight-64, 1
	c.text("Teams: engineers' daily requests vs. PM's discovery time", 16, 24, 17, colorText, alignLeft)
	c.text("last 4 weeks · red lines: thresholds · bottom right: needs a PO", 16, 44, 12, colorMuted, alignLeft)
	xpix := func(v float64) int { return c.x0 + int(math.Round(math.Min(math.Max(v, 0), 1)*float64(c.x1-c.x0))) }
	// The "needs a PO" corner: many requests, little discovery.
	c.rect(xpix(xThreshold), c.y(yThreshold), c.x1, c.y1, drawing.ColorFromHex("FDECEA"))
	for i := 0; i <= 4; i++ {
		v := float64(i) / 4
		c.line(c.x0, c.y(v), c.x1, c.y(v), colorGrid, 1, nil)
		c.line(xpix(v), c.y0, xpix(v), c.y1, colorGrid, 1, nil)
		c.text(fmt.Sprintf("%d%%", i*25), c.x0-6, c.y(v)+4, 11, colorMuted, alignRight)
		c.text(fmt.Sprintf("%d%%", i*25), xpix(v), c.y1+16, 11, colorMuted, alignCenter)
	}
	c.line(xpix(xThreshold), c.y0, xpix(xThreshold), c.y1, colorLimit, 1.5, []float64{6, 4})
	c.line(c.x0, c.y(yThreshold), c.x1, c.y(yThreshold), colorLimit, 1.5, []float64{6, 4})
	c.text(fmt.Sprintf("daily inputs ≥ %g%%", xThreshold*100), xpix(xThreshold)-4, c.y0+12, 11, colorLimit, alignRight)
	c.text(fmt.Sprintf("discovery < %g%%", yThreshold*100), c.x0+4, c.y(yThreshold)+14, 11, colorLimit, alignLeft)
	c.text("working days with requests for product input (share)", (c.x0+c.x1)/2, c.y1+36, 12, colorText, alignCenter)
	c.vtext("PM's discovery share of story writing + discovery", 18, (c.y0+c.y1)/2, 12, colorText)
	var missing []string
	var placed [][4]int // label boxes drawn so far
	overlaps := func(b [4]int) bool {
		for _, o := range placed {
			if b[0] < o[2] && o[0] < b[2] && b[1] < o[3] && o[1] < b[3] {
				return true
			}
		}
		return false
	}
	for _, p := range points {
		if p.X == nil || p.Y == nil {
			missing = append(missing, p.Label)
			continue
		}
		x, y := xpix(*p.X), c.y(math.Min(math.Max(*p.Y, 0), 1))
		c.dot(x, y, 6, LevelColor(p.Level))
		placed = append(placed, [4]int{x - 6, y - 6, x + 6, y + 6})
	}
	// Labels after all dots, each moved down (then up) until it clears
	// the others: teams of the same figures sit on one spot.
	for _, p := range points {
		if p.X == nil || p.Y == nil {
			continue
		}
		x, y := xpix(*p.X), c.y(math.Min(math.Max(*p.Y, 0), 1))
		w := c.textWidth(p.Label, 12)
		box := func(dy int, left bool) [4]int {
			if left || x+9+w > CompareWidth-4 {
				return [4]int{x - 9 - w, y + dy - 9, x - 9, y + dy + 4}
			}
			return [4]int{x + 9, y + dy - 9, x + 9 + w, y + dy + 4}
		}
		b := box(0, false)
		for i := 1; i < 40 && overlaps(b); i++ {
			dy := (i + 1) / 2 * 14
			if i%2 == 0 {
				dy = -dy
			}
			b = box(dy, i%4 >= 2)
		}
		placed = append(placed, b)
		if b[1]+9 != y {
			c.line(x, y, (b[0]+b[2])/2, b[1]+4, colorMuted, 0.8, nil)
		}
		c.text(p.Label, b[0], b[3]-4, 12, colorText, alignLeft)
	}
	if len(missing) > 0 {
		c.text(fmt.Sprintf("not measured: %v", missing), 16, CompareHeight-8, 11, colorMuted, alignLeft)
	}
	return c.bytes()
}
