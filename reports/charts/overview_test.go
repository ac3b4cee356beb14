package charts

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// The dashboard's chart kinds draw as PNG and as valid SVG, whatever the
// data, and keep team names as text.
func TestOverviewCharts(t *testing.T) {
	loc := time.FixedZone("CET", 3600)
	mon := time.Date(2026, 11, 23, 0, 0, 0, 0, loc)
	var days []Day
	for i := range 7 {
		d := Day{Date: mon.AddDate(0, 0, i), Working: i < 5, Work: [2]int{9 * 60, 17 * 60}}
		if i == 1 {
			d.Spans = []Span{{From: 9*60 + 10, To: 11 * 60, Category: "story_writing", Source: "jira"},
				{From: 13 * 60, To: 14 * 60, Category: "discovery", Source: "calendar"},
				{From: 14 * 60, To: 15 * 60, Category: "meeting", Source: "calendar"},
				{From: 21 * 60, To: 22*60 + 30, Category: "story_writing", Source: "jira"}} // after hours
		}
		days = append(days, d)
	}
	x, y, lo := 0.95, 0.08, 0.3
	cases := map[string]func(Format) ([]byte, error){
		"sparkline":       func(f Format) ([]byte, error) { return Sparkline([]*float64{&lo, nil, &x, &y, &x}, 0.8, f) },
		"sparkline-empty": func(f Format) ([]byte, error) { return Sparkline(nil, 0.8, f) },
		"comparison": func(f Format) ([]byte, error) {
			return Comparison([]Point{{Label: "a<script>", X: &x, Y: &y, Level: "hire_po"}, {Label: "b", X: &x, Y: &y, Level: "hire_po"},
				{Label: "c", X: &x, Y: &y, Level: "watch"}, {Label: "calm", X: &lo, Y: &x, Level: "ok"}, {Label: "none"}}, 0.8, 0.2, f)
		},
		"timeline":       func(f Format) ([]byte, error) { return Timeline("Mara <Klein> (pm)", days, f) },
		"timeline-empty": func(f Format) ([]byte, error) { return Timeline("nobody", nil, f) },
	}
	for name, draw := range cases {
		t.Run(name, func(t *testing.T) {
			png, err := draw(PNG)
			if err != nil || !bytes.HasPrefix(png, []byte("\x89PNG")) {
				t.Fatalf("png: %v (%d bytes)", err, len(png))
			}
			svg, err := draw(SVG)
			if err != nil {
				t.Fatal(err)
			}
			checkXML(t, svg)
			if strings.Contains(string(svg), "<script") || strings.Contains(string(svg), "<Klein>") {
				t.Error("a label reached the SVG as markup")
			}
			write(t, name, png, svg)
		})
	}
}
