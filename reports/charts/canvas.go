package charts

import (
	"html"
	"math"

	"github.com/golang/freetype/truetype"
	"github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
)

// Size is the chart's size in pixels: the width of an e-mail body, so a mail
// client shows it 1:1 and the text stays readable.
const (
	Width  = 640
	Height = 320
)

// Plot area margins: room for the title and subtitle above, the y-axis
// label and ticks left, the week labels and legend below.
const (
	marginLeft   = 64
	marginRight  = 20
	marginTop    = 62
	marginBottom = 58
)

var (
	colorText  = drawing.ColorFromHex("222222")
	colorMuted = drawing.ColorFromHex("666666")
	colorGrid  = drawing.ColorFromHex("E3E3E3")
	colorAxis  = drawing.ColorFromHex("999999")
	colorLimit = drawing.ColorFromHex("C62828")
	colorWhite = drawing.ColorFromHex("FFFFFF")
)

type align int

const (
	alignLeft align = iota
	alignCenter
	alignRight
)

// canvas wraps a go-chart renderer with the few primitives the charts
// need, in pixel coordinates with y growing downwards.
type canvas struct {
	r    chart.Renderer
	svg  bool
	font *truetype.Font

	// plot area
	x0, y0, x1, y1 int
	ymax           float64
}

// newCanvas is the chart at the e-mail size, with the plot area inside
// the margins.
func newCanvas(format Format) (*canvas, error) {
	c, err := newCanvasSized(format, Width, Height)
	if err != nil {
		return nil, err
	}
	c.x0, c.y0, c.x1, c.y1 = marginLeft, marginTop, Width-marginRight, Height-marginBottom
	return c, nil
}

// newCanvasSized is a white canvas of w×h pixels whose plot area is the
// whole canvas; the caller may set another.
func newCanvasSized(format Format, w, h int) (*canvas, error) {
	font, err := loadFont()
	if err != nil {
		return nil, err
	}
	provider := chart.PNG
	if format == SVG {
		provider = chart.SVG
	}
	r, err := provider(w, h)
	if err != nil {
		return nil, err
	}
	// 72 DPI makes a font size in points equal to pixels in both renderers.
	r.SetDPI(72)
	c := &canvas{r: r, svg: format == SVG, font: font, x0: 0, y0: 0, x1: w, y1: h}
	c.rect(0, 0, w, h, colorWhite)
	return c, nil
}

func (c *canvas) text(s string, x, y int, size float64, color drawing.Color, a align) {
	c.r.ResetStyle()
	c.r.SetFont(c.font)
	c.r.SetFontSize(size)
	c.r.SetFontColor(color)
	w := c.r.MeasureText(s).Width()
	switch a {
	case alignCenter:
		x -= w / 2
	case alignRight:
		x -= w
	}
	if c.svg {
		// go-chart's SVG writer puts text into the document unescaped.
		s = html.EscapeString(s)
	}
	c.r.Text(s, x, y)
}

// textWidth is the rendered width of s at size, in pixels.
func (c *canvas) textWidth(s string, size float64) int {
	c.r.ResetStyle()
	c.r.SetFont(c.font)
	c.r.SetFontSize(size)
	return c.r.MeasureText(s).Width()
}

// vtext draws s rotated a quarter turn anticlockwise, centred on (x, y).
func (c *canvas) vtext(s string, x, y int, size float64, color drawing.Color) {
	w := c.textWidth(s, size)
	c.r.ResetStyle()
	c.r.SetFont(c.font)
	c.r.SetFontSize(size)
	c.r.SetFontColor(color)
	c.r.SetTextRotation(-math.Pi / 2)
	if c.svg {
		s = html.EscapeString(s)
	}
	c.r.Text(s, x, y+w/2)
	c.r.ClearTextRotation()
}

func (c *canvas) rect(x0, y0, x1, y1 int, fill drawing.Color) {
	if x1 <= x0 || y1 <= y0 {
		return
	}
	c.r.ResetStyle()
	c.r.SetFillColor(fill)
	c.r.SetStrokeColor(fill)
	c.r.SetStrokeWidth(0)
	c.r.MoveTo(x0, y0)
	c.r.LineTo(x1, y0)
	c.r.LineTo(x1, y1)
	c.r.LineTo(x0, y1)
	c.r.Close()
	c.r.Fill()
}

func (c *canvas) line(x0, y0, x1, y1 int, color drawing.Color, width float64, dash []float64) {
	c.r.ResetStyle()
	c.r.SetStrokeColor(color)
	c.r.SetStrokeWidth(width)
	if dash != nil {
		c.r.SetStrokeDashArray(dash)
	}
	c.r.MoveTo(x0, y0)
	c.r.LineTo(x1, y1)
	c.r.Stroke()
}

func (c *canvas) polyline(pts [][2]int, color drawing.Color, width float64) {
	if len(pts) < 2 {
		return
	}
	c.r.ResetStyle()
	c.r.SetStrokeColor(color)
	c.r.SetStrokeWidth(width)
	c.r.MoveTo(pts[0][0], pts[0][1])
	for _, p := range pts[1:] {
		c.r.LineTo(p[0], p[1])
	}
	c.r.Stroke()
}

func (c *canvas) dot(x, y int, radius float64, color drawing.Color) {
	c.r.ResetStyle()
	c.r.SetFillColor(color)
	c.r.SetStrokeColor(colorWhite)
	c.r.SetStrokeWidth(1.5)
	c.r.Circle(radius, x, y)
	c.r.FillStroke()
}

// y maps a data value to a pixel row of the plot area.
func (c *canvas) y(v float64) int {
	if c.ymax <= 0 {
		return c.y1
	}
	return c.y1 - int(math.Round(v/c.ymax*float64(c.y1-c.y0)))
}

// slot returns the centre and width of the i-th of n equal x slots.
func (c *canvas) slot(i, n int) (center, width int) {
	w := float64(c.x1-c.x0) / float64(n)
	return c.x0 + int(w*float64(i)+w/2), int(w)
}
