package app

import (
	"context"
	"testing"
	"time"

	"github.com/roleload/roleload/config"
	"github.com/roleload/roleload/internal/isoweek"
	"github.com/roleload/roleload/model"
	"github.com/roleload/roleload/reports"
)

// BenchmarkWeeklyReport is one team's whole weekly report (two analyses
// for the week-over-week changes, all six charts as PNG and SVG, HTML,
// Markdown and JSON written to disk) against its baseline in the same run:
// the analysis alone. Target: under 0.5 s a report.
func BenchmarkWeeklyReport(b *testing.B) {
	act, cfg := collectedDemo(b)
	team := &cfg.Teams[0]
	week := isoweek.Of(time.Date(2026, 11, 27, 12, 0, 0, 0, team.Location))
	dir := b.TempDir()
	var analysisTime, reportTime time.Duration
	for b.Loop() {
		t0 := time.Now()
		if _, err := AnalyzeActivity(act, cfg, team, Window{AsOf: week.Sunday(), Now: week.Sunday().AddDate(0, 0, 1), Weeks: ReportWeeks}); err != nil {
			b.Fatal(err)
		}
		analysisTime += time.Since(t0)
		t0 = time.Now()
		r, err := BuildReport(context.Background(), nil, cfg, team, ReportRequest{Week: week, Now: week.Sunday().AddDate(0, 0, 1), Activity: act, SiteURL: cfg.Jira.URL})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := reports.WriteDir(dir, r); err != nil {
			b.Fatal(err)
		}
		reportTime += time.Since(t0)
	}
	n := float64(b.N)
	b.ReportMetric(reportTime.Seconds()*1000/n, "report-ms")
	b.ReportMetric(analysisTime.Seconds()*1000/n, "analysis-ms")
	b.ReportMetric(reportTime.Seconds()/analysisTime.Seconds(), "report/analysis")
}

// collectedDemo collects the demo scenario over HTTP into a store and
// loads it back, as `roleload report` would find it.
func collectedDemo(b *testing.B) (*model.Activity, *config.Config) {
	b.Helper()
	ctx := context.Background()
	cfg, st := simStore(b, "demo")
	collect(b, cfg, st)
	act, err := LoadActivity(ctx, st, cfg, &cfg.Teams[0])
	if err != nil {
		b.Fatal(err)
	}
	return act, cfg
}
