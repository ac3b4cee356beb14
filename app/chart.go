package app

import (
	"context"
	"fmt"
	"time"

	"github.com/roleload/roleload/config"
	"github.com/roleload/roleload/reports/charts"
	"github.com/roleload/roleload/store"
)

// Chart draws one metric over the weeks ending asOf. The analysis window
// is the report's, so an ad-hoc chart shows the figures the report shows.
func Chart(ctx context.Context, st *store.Store, cfg *config.Config, team *config.Team, metric string, asOf, now time.Time, weeks int, format charts.Format) ([]byte, error) {
	act, err := LoadActivity(ctx, st, cfg, team)
	if err != nil {
		return nil, err
	}
	r, err := AnalyzeActivity(act, cfg, team, Window{AsOf: asOf, Now: now, Weeks: ReportWeeks, HistoryWeeks: weeks})
	if err != nil {
		return nil, err
	}
	img, err := charts.Render(metric, r.Weekly, r, format)
	if err != nil {
		return nil, fmt.Errorf("chart %s: %w", metric, err)
	}
	return img, nil
}
