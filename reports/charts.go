package reports

import (
	"fmt"
	"sync"

	"github.com/roleload/roleload/analysis"
	"github.com/roleload/roleload/reports/charts"
)

// The size the HTML gives each chart: the size it is drawn at.
const (
	chartWidth  = charts.Width
	chartHeight = charts.Height
)

// RenderCharts draws every chart of SPEC §7.2 over weeks (oldest first;
// the weekly report passes 12) as PNG and SVG, thresholds taken from res.
// The charts are independent, so they are drawn in parallel.
func RenderCharts(weeks []analysis.WeekMeasures, res *analysis.Result) ([]Chart, error) {
	names := charts.Metrics()
	out := make([]Chart, len(names))
	errs := make([]error, len(names))
	var wg sync.WaitGroup
	for i, name := range names {
		wg.Go(func() {
			c := Chart{Name: name, Title: charts.Title(name), File: chartFile(name, "png"), CID: name + "@roleload"}
			if c.PNG, errs[i] = charts.Render(name, weeks, res, charts.PNG); errs[i] != nil {
				return
			}
			c.SVG, errs[i] = charts.Render(name, weeks, res, charts.SVG)
			out[i] = c
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("chart %s: %w", names[i], err)
		}
	}
	return out, nil
}
