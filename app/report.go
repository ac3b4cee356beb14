package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/roleload/roleload/analysis"
	"github.com/roleload/roleload/config"
	"github.com/roleload/roleload/model"
	"github.com/roleload/roleload/reports"
	"github.com/roleload/roleload/store"
)

// ReportWeeks is the analysis window of a weekly report: the measures of
// the four weeks ending with the reported week, so that a "daily" share
// rests on 20 working days, not 5.
const ReportWeeks = 4

// BuildReport analyses the week and the week before it (for the changes)
// and draws the charts.
func BuildReport(ctx context.Context, st *store.Store, cfg *config.Config, team *config.Team, week Week, now time.Time) (*reports.Report, error) {
	act, err := LoadActivity(ctx, st, cfg, team)
	if err != nil {
		return nil, err
	}
	return BuildReportFrom(act, cfg, team, week, now, SiteURL(ctx, st, cfg))
}

// BuildReportFrom is BuildReport on activity already loaded; issue links
// point at siteURL ("" for none).
func BuildReportFrom(act *model.Activity, cfg *config.Config, team *config.Team, week Week, now time.Time, siteURL string) (*reports.Report, error) {
	return BuildReportWindow(act, cfg, team, week, ReportWeeks, now, siteURL)
}

// BuildReportWindow is BuildReportFrom with the figures over the given
// number of weeks ending with week (the weekly report's are over four).
func BuildReportWindow(act *model.Activity, cfg *config.Config, team *config.Team, week Week, weeks int, now time.Time, siteURL string) (*reports.Report, error) {
	// The charts show at least ChartWeeks, and all of a longer window.
	cur, err := AnalyzeActivity(act, cfg, team, Window{AsOf: week.Sunday(), Now: now, Weeks: weeks, HistoryWeeks: max(ChartWeeks, weeks)})
	if err != nil {
		return nil, err
	}
	// The week before may predate the data: then the report shows no changes.
	var prev *analysis.Result
	if p, err := AnalyzeActivity(act, cfg, team, Window{AsOf: week.Previous().Sunday(), Now: now, Weeks: weeks}); err == nil {
		prev = p
	}
	charts, err := reports.RenderCharts(cur.Weekly, cur)
	if err != nil {
		return nil, fmt.Errorf("team %s: charts: %w", team.Name, err)
	}
	return &reports.Report{
		Team:      team.Name,
		Week:      week.String(),
		Current:   cur,
		Previous:  prev,
		JiraURL:   siteURL,
		Generated: now,
		Charts:    charts,
	}, nil
}

// SiteURL is where issue links point (SPEC §5): jira.site_url; else
// jira.url, unless that is Atlassian's API gateway (scoped tokens), which
// serves no pages: then the baseUrl /serverInfo gave at the last sync.
func SiteURL(ctx context.Context, st *store.Store, cfg *config.Config) string {
	if cfg.Jira.SiteURL != "" {
		return strings.TrimRight(cfg.Jira.SiteURL, "/")
	}
	if !strings.Contains(cfg.Jira.URL, "api.atlassian.com/ex/jira/") {
		return strings.TrimRight(cfg.Jira.URL, "/")
	}
	if site, err := st.Site(ctx); err == nil {
		return strings.TrimRight(site.BaseURL, "/")
	}
	return ""
}
