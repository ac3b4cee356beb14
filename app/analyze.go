package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/roleload/roleload/analysis"
	"github.com/roleload/roleload/config"
	"github.com/roleload/roleload/model"
	"github.com/roleload/roleload/store"
)

// ChartWeeks is how many weeks of history the charts show (SPEC §7.1).
const ChartWeeks = 12

// ErrNotCollected: the store holds nothing of a team yet.
var ErrNotCollected = errors.New("run roleload collect first")

// LoadActivity reads what the team's analysis can use of the projects
// collected for the config: the issues of the team's projects and of Jira
// Product Discovery projects (discovery counts wherever it is), every
// issue its PMs and POs touched (their "other" time) and the parents of
// these. The rest of a large organisation's store is left unread.
func LoadActivity(ctx context.Context, st *store.Store, cfg *config.Config, team *config.Team) (*model.Activity, error) {
	people, err := st.People(ctx)
	if err != nil {
		return nil, fmt.Errorf("load activity: %w", err)
	}
	collected := CollectedProjects(cfg)
	product := model.MatchPeople(people, union(team.ProductManagers, team.ProductOwners))
	act, err := st.LoadTeamActivity(ctx, store.TeamScope{
		Collected: collected,
		Projects:  union(team.DeliveryProjects, team.Discovery.Projects),
		People:    product,
	})
	if err != nil {
		return nil, fmt.Errorf("load activity: %w", err)
	}
	if len(act.Issues) == 0 {
		return nil, fmt.Errorf("store %s holds no issues of projects %v: %w", cfg.Store.Path, collected, ErrNotCollected)
	}
	if act.Calendars, err = teamCalendars(ctx, st, cfg, people, product); err != nil {
		return nil, fmt.Errorf("load activity: %w", err)
	}
	return act, nil
}

// teamCalendars are the stored calendars of the team's PMs and POs (their
// Jira IDs, product) that are still configured and have loaded at least
// once: a calendar's person is any identifier of a PM or PO (SPEC §5.1),
// so it is resolved to Jira people before it is compared. Only those
// feeds are read: a dashboard precompute calls this once per team.
func teamCalendars(ctx context.Context, st *store.Store, cfg *config.Config, people []model.Person, product []string) ([]model.Calendar, error) {
	var out []model.Calendar
	for _, c := range cfg.Calendars {
		ids := model.MatchPeople(people, []string{c.Person})
		if !slices.ContainsFunc(ids, func(id string) bool { return slices.Contains(product, id) }) {
			continue
		}
		feed, err := st.CalendarFeedState(ctx, c.Person)
		if errors.Is(err, store.ErrNotFound) || err == nil && feed.LastGood.IsZero() {
			continue // never loaded: not a discovery source yet
		}
		if err != nil {
			return nil, err
		}
		// The store keeps 53 weeks back and one ahead of Jira's clock (§5.1): all of it.
		occs, err := st.CalendarOccurrences(ctx, c.Person, time.Time{}, time.Time{})
		if err != nil {
			return nil, err
		}
		cal := model.Calendar{Person: c.Person, Occurrences: make([]model.CalendarOccurrence, 0, len(occs))}
		for _, o := range occs {
			cal.Occurrences = append(cal.Occurrences, model.CalendarOccurrence{Start: o.Start, End: o.End, Category: o.Category, Title: o.Title, UID: o.UID})
		}
		out = append(out, cal)
	}
	return out, nil
}

// CollectedProjects are the projects collected for the config: a team's
// discovery work may sit in any of them, not only in those the team lists.
func CollectedProjects(cfg *config.Config) []string {
	out := union(cfg.Jira.Projects)
	for _, t := range cfg.Teams {
		out = union(out, t.DeliveryProjects, t.Discovery.Projects)
	}
	return out
}

// union is the strings of the lists, each once, in order.
func union(lists ...[]string) []string {
	var out []string
	for _, l := range lists {
		for _, s := range l {
			if !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
	}
	return out
}

// Window is what to analyse: Weeks weeks ending with the day AsOf, as
// known at Now (nothing later is read, so "unanswered" is judged at Now
// and working hours still to come today do not count), with HistoryWeeks
// weeks of weekly figures for charts. Zero Weeks is ReportWeeks, zero
// HistoryWeeks ChartWeeks.
type Window struct {
	AsOf, Now           time.Time
	Weeks, HistoryWeeks int
}

// AnalyzeActivity runs the analysis of one team: the config mapped onto
// the analysis's parameters (analysisParams), over the window (Weeks
// defaults to ReportWeeks, HistoryWeeks to ChartWeeks).
func AnalyzeActivity(act *model.Activity, cfg *config.Config, team *config.Team, w Window) (*analysis.Result, error) {
	if w.Weeks == 0 {
		w.Weeks = ReportWeeks
	}
	if w.HistoryWeeks == 0 {
		w.HistoryWeeks = ChartWeeks
	}
	in := analysisParams(cfg, team)
	in.Activity, in.Calendars = act, act.Calendars
	in.AsOf, in.Now, in.Weeks, in.HistoryWeeks = w.AsOf, w.Now, w.Weeks, w.HistoryWeeks
	r, err := analysis.Analyze(in)
	if err != nil {
		return nil, err // the analysis names the team and the window
	}
	return r, nil
}

// Analyze loads the store and analyses one team.
func Analyze(ctx context.Context, st *store.Store, cfg *config.Config, team *config.Team, w Window) (*analysis.Result, error) {
	act, err := LoadActivity(ctx, st, cfg, team)
	if err != nil {
		return nil, err
	}
	return AnalyzeActivity(act, cfg, team, w)
}

// Today is the start of the day now falls on in loc.
func Today(loc *time.Location, now time.Time) time.Time {
	n := now.In(loc)
	return time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, loc)
}

// ParseDate reads YYYY-MM-DD as a day in loc; empty means Today there.
func ParseDate(s string, loc *time.Location, now time.Time) (time.Time, error) {
	if s == "" {
		return Today(loc, now), nil
	}
	d, err := time.ParseInLocation("2006-01-02", s, loc)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a date YYYY-MM-DD", s)
	}
	return d, nil
}

// AnalyzeNow analyses one team as of now: the window ends with the day
// now falls on in the team's time zone, and nothing later than now is
// read. The alerts evaluate their rules on it (the caller hands it to
// delivery.RunAlerts).
func AnalyzeNow(ctx context.Context, st *store.Store, cfg *config.Config, team *config.Team, now time.Time) (*analysis.Result, error) {
	return Analyze(ctx, st, cfg, team, Window{AsOf: Today(team.Location, now), Now: now})
}
