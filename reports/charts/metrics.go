package charts

import (
	"fmt"
	"strings"
	"time"

	"github.com/roleload/roleload/analysis"
	"github.com/roleload/roleload/analysis/signal"
	"github.com/wcharczuk/go-chart/v2/drawing"
)

// Format is the image format of a chart.
type Format int

const (
	PNG Format = iota
	SVG
)

// Ext is the file extension of the format, without the dot.
func (f Format) Ext() string {
	if f == SVG {
		return "svg"
	}
	return "png"
}

// ParseFormat maps a file extension ("png", ".svg") to a Format.
func ParseFormat(ext string) (Format, error) {
	switch strings.ToLower(strings.TrimPrefix(ext, ".")) {
	case "png":
		return PNG, nil
	case "svg":
		return SVG, nil
	}
	return 0, fmt.Errorf("unknown chart format %q (want png or svg)", ext)
}

var (
	colorStory     = drawing.ColorFromHex("E6772E") // PO work
	colorDiscovery = drawing.ColorFromHex("2E6FB7") // PM work
	colorOther     = drawing.ColorFromHex("B0B0B0")
	// The calendar part of a category: the same hue, lighter.
	colorStoryCalendar     = drawing.ColorFromHex("F4B98F")
	colorDiscoveryCalendar = drawing.ColorFromHex("93B8E0")
	colorP50               = drawing.ColorFromHex("2E6FB7")
	colorP90               = drawing.ColorFromHex("E6772E")
	colorBar               = drawing.ColorFromHex("4A7FB5")
)

// builders maps each metric of SPEC §7.2 to its chart, in report order.
var builders = []struct {
	name  string
	build func(w []week, r *analysis.Result) spec
}{
	{"time-split", timeSplit},
	{"input-requests", inputRequests},
	{"response-time", responseTime},
	{"discovery-share", discoveryShare},
	{"ready-backlog", readyBacklog},
	{"after-hours", afterHours},
}

// Metrics lists the chart names, in the order a report shows them.
func Metrics() []string {
	names := make([]string, len(builders))
	for i, b := range builders {
		names[i] = b.name
	}
	return names
}

// Title is the human title of a metric's chart ("" for an unknown metric).
func Title(metric string) string {
	for _, b := range builders {
		if b.name == metric {
			return b.build(nil, nil).title
		}
	}
	return ""
}

// Render draws one metric over weeks (oldest first; gaps between ISO weeks
// are shown as missing weeks). r supplies the thresholds drawn as lines;
// with r nil no threshold is drawn. Empty or all-zero data gives a chart
// that says so, not an error.
func Render(metric string, weeks []analysis.WeekMeasures, r *analysis.Result, format Format) ([]byte, error) {
	for _, b := range builders {
		if b.name == metric {
			s := b.build(fillGaps(weeks), r)
			if r == nil {
				s.limit = nil
			}
			return draw(s, format)
		}
	}
	return nil, fmt.Errorf("unknown chart %q (want one of %s)", metric, strings.Join(Metrics(), ", "))
}

// week is one x slot: a measured week, or a gap (m nil) between two.
type week struct {
	label string
	m     *analysis.WeekMeasures
}

// fillGaps inserts the ISO weeks missing between measured ones, so a week
// with no data shows as a hole rather than silently closing up the axis.
func fillGaps(in []analysis.WeekMeasures) []week {
	var out []week
	var prev time.Time
	for i := range in {
		start, err := time.Parse(time.DateOnly, in[i].Start)
		if err == nil && !prev.IsZero() {
			for d := prev.AddDate(0, 0, 7); d.Before(start) && len(out) < 60; d = d.AddDate(0, 0, 7) {
				_, n := d.ISOWeek()
				out = append(out, week{label: fmt.Sprintf("W%02d", n)})
			}
		}
		if err == nil {
			prev = start
		}
		out = append(out, week{label: shortWeek(in[i].Week), m: &in[i]})
	}
	return out
}

// shortWeek turns "2026-W47" into "W47": the year is in the subtitle.
func shortWeek(w string) string {
	if i := strings.Index(w, "-W"); i >= 0 {
		return w[i+1:]
	}
	return w
}

func labels(w []week) []string {
	out := make([]string, len(w))
	for i := range w {
		out[i] = w[i].label
	}
	return out
}

// values extracts one figure per slot; f is not called for gaps.
func values(w []week, f func(m *analysis.WeekMeasures) *float64) []*float64 {
	out := make([]*float64, len(w))
	for i := range w {
		if w[i].m != nil {
			out[i] = f(w[i].m)
		}
	}
	return out
}

func ptr(v float64) *float64 { return &v }

// threshold is the signal's threshold the result was judged by: its
// verdict's, or (a PO's verdict leaves out the PM's signals) the
// thresholds the result carries. 0 without a result (Render drops the line).
func threshold(r *analysis.Result, n signal.Name) float64 {
	if r == nil {
		return 0
	}
	for _, s := range r.Verdict.Signals {
		if s.Name == string(n) {
			return s.Threshold
		}
	}
	d, _ := signal.Lookup(string(n))
	return d.Threshold(r.Thresholds)
}

func span(w []week) string {
	var first, last string
	for _, x := range w {
		if x.m != nil {
			if first == "" {
				first = x.m.Week
			}
			last = x.m.Week
		}
	}
	switch {
	case first == "":
		return ""
	case first == last:
		return first
	}
	return first + " to " + last
}
