package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/roleload/roleload/analysis"
	"github.com/roleload/roleload/config"
	"github.com/roleload/roleload/internal/isoweek"
	"github.com/roleload/roleload/model"
	"github.com/roleload/roleload/reports"
	"github.com/roleload/roleload/store"
)

// ReportWeeks is the analysis window of a weekly report: the measures of
// the four weeks ending with the reported week, so that a "daily" share
// rests on 20 working days, not 5.
const ReportWeeks = 4

// ReportRequest says which weekly report to build.
type ReportRequest struct {
	Week isoweek.Week
	// Weeks is the figures' window, ending with Week; 0 is ReportWeeks.
	Weeks int
	// Now is when the report is built: nothing later is read, and the
	// report says it was generated then.
	Now time.Time
	// Activity is the team's activity when the caller has loaded it
	// already (LoadActivity); nil: it is loaded from the store.
	Activity *model.Activity
	// SiteURL is where issue links point; "": SiteURL's (the store is
	// asked only when the config does not say).
	SiteURL string
}

// BuildReport is the one way to a team's weekly report (the CLI, the
// daemon, the dashboard and the demo all call it): it analyses the week
// and the week before it (for the changes) over req.Weeks weeks and draws
// the charts. st is read only for what req does not give.
func BuildReport(ctx context.Context, st *store.Store, cfg *config.Config, team *config.Team, req ReportRequest) (*reports.Report, error) {
	act, site, weeks := req.Activity, req.SiteURL, req.Weeks
	if act == nil {
		var err error
		if act, err = LoadActivity(ctx, st, cfg, team); err != nil {
			return nil, err
		}
	}
	if site == "" {
		site = SiteURL(ctx, st, cfg)
	}
	if weeks == 0 {
		weeks = ReportWeeks
	}
	week, now := req.Week, req.Now
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
		JiraURL:   site,
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
