package app

import (
	"context"
	"fmt"
	"time"

	"github.com/roleload/roleload/analysis"
	"github.com/roleload/roleload/config"
	"github.com/roleload/roleload/model"
	"github.com/roleload/roleload/store"
)

// ChartWeeks is how many weeks of history the charts show (SPEC §7.1).
const ChartWeeks = 12

// LoadActivity reads every project collected for the config: a team's
// discovery work may sit in any of them (Jira Product Discovery projects
// count automatically), not only in those the team lists.
func LoadActivity(ctx context.Context, st *store.Store, cfg *config.Config) (*model.Activity, error) {
	var projects []string
	seen := map[string]bool{}
	add := func(keys []string) {
		for _, k := range keys {
			if !seen[k] {
				seen[k] = true
				projects = append(projects, k)
			}
		}
	}
	add(cfg.Jira.Projects)
	for _, t := range cfg.Teams {
		add(t.DeliveryProjects)
		add(t.Discovery.Projects)
	}
	act, err := st.LoadActivity(ctx, projects)
	if err != nil {
		return nil, fmt.Errorf("load activity: %w", err)
	}
	if len(act.Issues) == 0 {
		return nil, fmt.Errorf("store %s holds no issues of projects %v: run roleload collect first", cfg.Store.Path, projects)
	}
	return act, nil
}

// Window is what to analyse: Weeks weeks ending with the day AsOf, as
// known at Now (nothing later is read, so "unanswered" is judged at Now
// and working hours still to come today do not count), with HistoryWeeks
// weeks of weekly figures for charts.
type Window struct {
	AsOf, Now           time.Time
	Weeks, HistoryWeeks int
}

// AnalyzeActivity runs the analysis of one team.
func AnalyzeActivity(act *model.Activity, cfg *config.Config, team *config.Team, w Window) (*analysis.Result, error) {
	if w.HistoryWeeks == 0 {
		w.HistoryWeeks = ChartWeeks
	}
	r, err := analysis.Analyze(analysis.Input{
		Activity:     act,
		Team:         *team,
		Bots:         cfg.Bots,
		Thresholds:   cfg.Thresholds,
		TimeModel:    cfg.TimeModel,
		AsOf:         w.AsOf,
		Now:          w.Now,
		Weeks:        w.Weeks,
		HistoryWeeks: w.HistoryWeeks,
	})
	if err != nil {
		return nil, err // the analysis names the team and the window
	}
	return r, nil
}

// Analyze loads the store and analyses one team.
func Analyze(ctx context.Context, st *store.Store, cfg *config.Config, team *config.Team, w Window) (*analysis.Result, error) {
	act, err := LoadActivity(ctx, st, cfg)
	if err != nil {
		return nil, err
	}
	return AnalyzeActivity(act, cfg, team, w)
}

// ParseDate reads YYYY-MM-DD as a day in loc; empty means today there.
func ParseDate(s string, loc *time.Location, now time.Time) (time.Time, error) {
	if s == "" {
		n := now.In(loc)
		return time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, loc), nil
	}
	d, err := time.ParseInLocation("2006-01-02", s, loc)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a date YYYY-MM-DD", s)
	}
	return d, nil
}
