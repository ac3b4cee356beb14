package reports

import "testing"

// BenchmarkWeeklyReport is one team's weekly report: all six charts in
// PNG and SVG, then HTML, Markdown and JSON. Target: under 0.5 s.
func BenchmarkWeeklyReport(b *testing.B) {
	r := fixedReport(false)
	for b.Loop() {
		cs, err := RenderCharts(r.Current.Weekly, r.Current)
		if err != nil {
			b.Fatal(err)
		}
		r.Charts = cs
		if _, err := RenderHTML(r, ImageCID); err != nil {
			b.Fatal(err)
		}
		if _, err := RenderMarkdown(r); err != nil {
			b.Fatal(err)
		}
		if _, err := RenderJSON(r); err != nil {
			b.Fatal(err)
		}
	}
}
