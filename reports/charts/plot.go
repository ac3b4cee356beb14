package charts

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/wcharczuk/go-chart/v2/drawing"
)

type kind int

const (
	bars    kind = iota // one series, one bar per week
	stacked             // series stacked on each other, absolute values
	lines               // one line per series, gaps where a value is missing
)

// series is one named row of values, one per week; nil is "no value".
type series struct {
	name   string
	color  drawing.Color
	values []*float64
}

// limit is a threshold drawn across the plot as a dashed line.
type limit struct {
	value float64
	label string
}

// spec is everything one chart shows, independent of the renderer.
type spec struct {
	title, subtitle string
	yLabel          string
	percent         bool // values are shares 0..1, shown as %
	kind            kind
	weeks           []string // x labels
	series          []series
	limit           *limit
	barLabels       []string // optional text above each bar
	emptyNote       string   // shown when every value is zero
}

// draw lays the chart out and returns the encoded image. It never fails on
// the data: no weeks or no values give an explicit "no data" chart.
func draw(s spec, format Format) ([]byte, error) {
	c, err := newCanvas(format)
	if err != nil {
		return nil, err
	}
	c.text(s.title, 16, 26, 17, colorText, alignLeft)
	subColor := colorMuted
	if strings.HasPrefix(s.subtitle, notReliable) {
		subColor = colorLimit
	}
	c.text(s.subtitle, 16, 45, 12, subColor, alignLeft)
	c.vtext(s.yLabel, 18, (c.y0+c.y1)/2, 12, colorMuted)

	if len(s.barLabels) > 0 {
		c.y0 += 14 // room for the labels above the tallest bar
	}
	top, any := s.max()
	axisTop := top
	if s.limit != nil {
		axisTop = math.Max(axisTop, s.limit.value)
	}
	c.ymax, _ = niceScale(axisTop, s.percent)
	c.drawGrid(s.percent)
	c.drawXLabels(s.weeks)
	switch {
	case !any:
		c.text("No data for this period", (c.x0+c.x1)/2, c.noteY(s.limit), 15, colorMuted, alignCenter)
	case top == 0 && s.emptyNote != "":
		c.text(s.emptyNote, (c.x0+c.x1)/2, c.noteY(s.limit), 14, colorMuted, alignCenter)
	}
	if any {
		c.drawGaps(s)
		switch s.kind {
		case lines:
			c.drawLines(s)
		default:
			c.drawBars(s)
		}
	}
	if s.limit != nil {
		ly := c.y(s.limit.value)
		c.line(c.x0, ly, c.x1, ly, colorLimit, 1.5, []float64{6, 4})
	}
	c.drawLegend(s)
	var buf bytes.Buffer
	if err := c.r.Save(&buf); err != nil {
		return nil, fmt.Errorf("encode chart %q: %w", s.title, err)
	}
	return buf.Bytes(), nil
}

// max is the tallest data value (stacks summed) and whether any exists.
func (s spec) max() (top float64, any bool) {
	for i := range s.weeks {
		sum := 0.0
		for _, se := range s.series {
			if v := se.values[i]; v != nil {
				any = true
				if s.kind == stacked {
					sum += *v
				} else {
					sum = math.Max(sum, *v)
				}
			}
		}
		top = math.Max(top, sum)
	}
	return top, any
}

func (c *canvas) drawGrid(percent bool) {
	_, step := niceScale(c.ymax, percent)
	for v := 0.0; v <= c.ymax+step/2; v += step {
		y := c.y(v)
		c.line(c.x0, y, c.x1, y, colorGrid, 1, nil)
		c.text(tickLabel(v, percent), c.x0-6, y+4, 11, colorMuted, alignRight)
	}
	c.line(c.x0, c.y1, c.x1, c.y1, colorAxis, 1, nil)
}

func (c *canvas) drawXLabels(weeks []string) {
	n := len(weeks)
	every := 1
	if n > 13 {
		every = (n + 12) / 13 // keep labels from overlapping at 640 px
	}
	for i, w := range weeks {
		if i%every != 0 && i != n-1 {
			continue
		}
		x, _ := c.slot(i, n)
		c.text(w, x, c.y1+16, 11, colorMuted, alignCenter)
	}
	c.text("ISO week", (c.x0+c.x1)/2, c.y1+31, 11, colorMuted, alignCenter)
}

func (c *canvas) drawBars(s spec) {
	n := len(s.weeks)
	for i := range s.weeks {
		x, w := c.slot(i, n)
		bw := min(w*6/10, 48)
		base := 0.0
		for _, se := range s.series {
			v := se.values[i]
			if v != nil && *v == 0 && s.kind == bars {
				// A measured zero gets a sliver, so it is not read as a gap.
				c.rect(x-bw/2, c.y1-2, x+bw/2, c.y1, se.color)
			}
			if v == nil || *v <= 0 {
				continue
			}
			c.rect(x-bw/2, c.y(base+*v), x+bw/2, c.y(base), se.color)
			base += *v
		}
		if i < len(s.barLabels) && s.barLabels[i] != "" {
			c.text(s.barLabels[i], x, c.y(base)-5, 10, colorText, alignCenter)
		}
	}
}

func (c *canvas) drawLines(s spec) {
	n := len(s.weeks)
	for _, se := range s.series {
		var run [][2]int
		flush := func() {
			c.polyline(run, se.color, 2.5)
			run = run[:0]
		}
		for i, v := range se.values {
			if v == nil { // a missing week breaks the line rather than bridging it
				flush()
				continue
			}
			x, _ := c.slot(i, n)
			run = append(run, [2]int{x, c.y(*v)})
		}
		flush()
		for i, v := range se.values {
			if v != nil {
				x, _ := c.slot(i, n)
				c.dot(x, c.y(*v), 4, se.color)
			}
		}
	}
}

func (c *canvas) drawLegend(s spec) {
	if len(s.series) < 2 && s.limit == nil {
		return
	}
	if len(s.series) < 2 { // a lone series is named by the title
		s.series = nil
	}
	x, y := c.x0, Height-10
	for _, se := range s.series {
		c.rect(x, y-10, x+12, y+2, se.color)
		c.text(se.name, x+17, y, 12, colorText, alignLeft)
		x += 17 + c.textWidth(se.name, 12) + 22
	}
	if s.limit != nil {
		c.line(x, y-4, x+18, y-4, colorLimit, 1.5, []float64{6, 4})
		label := "threshold (" + s.limit.label + ")"
		c.text(label, x+23, y, 12, colorText, alignLeft)
	}
}

// niceScale returns an axis top at or above max and a round tick step, so
// that the axis always starts at 0 and ends on a readable number.
func niceScale(max float64, percent bool) (top, step float64) {
	if max <= 0 || math.IsNaN(max) || math.IsInf(max, 0) {
		if percent {
			return 1, 0.25
		}
		return 4, 1
	}
	raw := max * 1.1 / 4 // about four ticks, with headroom for bar labels
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step = mag * 10
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	if !percent && step < 1 && max >= 1 {
		step = 1
	}
	top = math.Ceil(max*1.1/step-1e-9) * step
	if percent && max <= 1 {
		top = math.Min(top, 1) // a share never exceeds 100%
		if top == 1 {
			step = 0.25
		}
	}
	return top, step
}

func tickLabel(v float64, percent bool) string {
	if percent {
		return strconv.FormatFloat(math.Round(v*1000)/10, 'f', -1, 64) + "%"
	}
	return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
}

// drawGaps marks the weeks that have no value, so that a hole in the data
// is not read as a zero.
func (c *canvas) drawGaps(s spec) {
	for i := range s.weeks {
		missing := true
		for _, se := range s.series {
			if se.values[i] != nil {
				missing = false
			}
		}
		if missing {
			x, _ := c.slot(i, len(s.weeks))
			c.text("no data", x, c.y1-6, 10, colorMuted, alignCenter)
		}
	}
}

// noteY is the baseline for a message across the plot: the middle, unless
// the threshold line runs there.
func (c *canvas) noteY(l *limit) int {
	y := (c.y0 + c.y1) / 2
	if l == nil {
		return y
	}
	if ly := c.y(l.value); ly-y < 28 && y-ly < 40 {
		if ly-40 > c.y0 {
			return ly - 14
		}
		return ly + 28
	}
	return y
}
