package monitor

import (
	"context"
	"fmt"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/roleload/roleload/analysis"
	"github.com/roleload/roleload/app"
	"github.com/roleload/roleload/config"
	"github.com/roleload/roleload/store"
)

// The metrics, each read from the store at scrape time.
var (
	descStoreUp    = prometheus.NewDesc("roleload_store_up", "1 if the store could be read.", nil, nil)
	descStoreItems = prometheus.NewDesc("roleload_store_items", "What the store holds, as `roleload status --format json` counts it.", []string{"kind"}, nil)
	descLastOK     = prometheus.NewDesc("roleload_last_successful_sync_timestamp_seconds", "When the last successful sync finished (Unix time).", []string{"source"}, nil)
	descDuration   = prometheus.NewDesc("roleload_last_sync_duration_seconds", "How long the last finished sync took.", []string{"source"}, nil)
	descRequests   = prometheus.NewDesc("roleload_last_sync_requests", "HTTP requests the last finished sync sent.", []string{"source"}, nil)
	descFailedRow  = prometheus.NewDesc("roleload_failed_syncs_in_a_row", "Failed or interrupted syncs since the last successful one.", []string{"source"}, nil)
	descVerdict    = prometheus.NewDesc("roleload_team_verdict_level", "The team's verdict over the 4 weeks ending today: 0 ok, 1 watch, 2 hire_po.", []string{"team"}, nil)
	descAnalysisOK = prometheus.NewDesc("roleload_team_analysis_up", "1 if the team could be analysed (0: no data in the window, or an error).", []string{"team"}, nil)
	descSigValue   = prometheus.NewDesc("roleload_signal_value", "Each signal's value (absent when unknown).", []string{"team", "signal"}, nil)
	descSigThresh  = prometheus.NewDesc("roleload_signal_threshold", "Each signal's threshold.", []string{"team", "signal"}, nil)
	descSigState   = prometheus.NewDesc("roleload_signal_state", "1 for the signal's state: tripped, ok or unknown.", []string{"team", "signal", "state"}, nil)

	// Calendar feeds (SPEC §5.1), by the person as configured (never the URL).
	descCalLastGood = prometheus.NewDesc("roleload_calendar_last_good_load_timestamp_seconds", "When the feed last loaded and parsed (Unix time).", []string{"person"}, nil)
	descCalOccs     = prometheus.NewDesc("roleload_calendar_occurrences", "Occurrences stored for the person (the last good copy).", []string{"person"}, nil)
	descCalProblems = prometheus.NewDesc("roleload_calendar_problems", "Problems counted in the last good copy (bad events, cut recurrences).", []string{"person"}, nil)
	descCalFailures = prometheus.NewDesc("roleload_calendar_failed_loads_in_a_row", "Failed loads since the last good one.", []string{"person"}, nil)
)

// VerdictLevels maps a verdict to roleload_team_verdict_level.
var VerdictLevels = map[string]float64{"ok": 0, "watch": 1, "hire_po": 2}

const source = "jira"

type collector struct{ m *Monitor }

func (c *collector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{descStoreUp, descStoreItems, descLastOK, descDuration, descRequests, descFailedRow,
		descVerdict, descAnalysisOK, descSigValue, descSigThresh, descSigState, descCalLastGood, descCalOccs, descCalProblems, descCalFailures} {
		ch <- d
	}
}

func (c *collector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	m := c.m
	s, err := m.opts.Store.Status(ctx)
	if err != nil {
		m.opts.Log.Warn("metrics: store unreadable", "err", err)
		ch <- gauge(descStoreUp, 0)
		return
	}
	ch <- gauge(descStoreUp, 1)
	for kind, n := range map[string]int{"issues": s.Issues, "histories": s.Histories, "comments": s.Comments, "worklogs": s.Worklogs,
		"people": s.People, "deleted": s.Deleted} {
		ch <- gauge(descStoreItems, float64(n), kind)
	}
	if s.LastSync != nil {
		ch <- gauge(descLastOK, float64(s.LastSync.UnixMilli())/1000, source)
	}
	c.runs(ctx, ch)
	for _, f := range s.Calendars {
		if f.LastGood != nil {
			ch <- gauge(descCalLastGood, float64(f.LastGood.UnixMilli())/1000, f.Person)
		}
		ch <- gauge(descCalOccs, float64(f.Occurrences), f.Person)
		ch <- gauge(descCalProblems, float64(f.Problems), f.Person)
		ch <- gauge(descCalFailures, float64(f.Failures), f.Person)
	}
	lastSync := ""
	if s.LastSync != nil {
		lastSync = s.LastSync.UTC().Format(time.RFC3339Nano)
	}
	now := m.opts.Now()
	for i := range m.opts.Config.Teams {
		t := &m.opts.Config.Teams[i]
		res, err := m.analysis(ctx, t, lastSync, now)
		if err != nil || res == nil {
			ch <- gauge(descAnalysisOK, 0, t.Name)
			continue
		}
		ch <- gauge(descAnalysisOK, 1, t.Name)
		ch <- gauge(descVerdict, VerdictLevels[res.Verdict.Level], t.Name)
		for _, sg := range res.Verdict.Signals {
			state := "ok"
			switch {
			case !sg.Known || sg.Value == nil:
				state = "unknown"
			case sg.Tripped:
				state = "tripped"
			}
			for _, st := range []string{"tripped", "ok", "unknown"} {
				ch <- gauge(descSigState, b2f(st == state), t.Name, sg.Name, st)
			}
			ch <- gauge(descSigThresh, sg.Threshold, t.Name, sg.Name)
			if sg.Value != nil {
				ch <- gauge(descSigValue, *sg.Value, t.Name, sg.Name)
			}
		}
	}
}

// runs reports the last finished sync and the failures since the last
// good one.
func (c *collector) runs(ctx context.Context, ch chan<- prometheus.Metric) {
	runs, err := c.m.opts.Store.LastRuns(ctx, 100)
	if err != nil {
		c.m.opts.Log.Warn("metrics: sync runs", "err", err)
		return
	}
	failed, reported := 0, false
	for _, r := range runs {
		if r.Status == store.RunRunning {
			continue
		}
		if !reported && !r.Finished.IsZero() {
			ch <- gauge(descDuration, r.Finished.Sub(r.Started).Seconds(), source)
			ch <- gauge(descRequests, float64(r.Requests), source)
			reported = true
		}
		if r.Status == store.RunOK {
			break
		}
		failed++
	}
	ch <- gauge(descFailedRow, float64(failed), source)
}

// analysis is the team's analysis of the 4 weeks ending today, computed
// once per sync and day: a scrape every 15 s must not re-run it.
func (m *Monitor) analysis(ctx context.Context, t *config.Team, lastSync string, now time.Time) (*analysis.Result, error) {
	asOf := app.Today(t.Location, now)
	key := lastSync + "|" + asOf.Format("2006-01-02")
	m.mu.Lock()
	c, ok := m.cache[t.Name]
	m.mu.Unlock()
	if ok && c.key == key {
		return c.res, c.err
	}
	res, err := m.opts.Analyze(ctx, t, asOf, now)
	if err != nil {
		m.opts.Log.Info("metrics: team not analysed", "team", t.Name, "err", err)
	}
	m.mu.Lock()
	m.cache[t.Name] = cached{key: key, res: res, err: err}
	m.mu.Unlock()
	return res, err
}

func appAnalyze(cfg *config.Config, st *store.Store) func(context.Context, *config.Team, time.Time, time.Time) (*analysis.Result, error) {
	return func(ctx context.Context, t *config.Team, asOf, now time.Time) (*analysis.Result, error) {
		r, err := app.Analyze(ctx, st, cfg, t, app.Window{AsOf: asOf, Now: now, Weeks: 4})
		if err != nil {
			return nil, fmt.Errorf("team %s: %w", t.Name, err)
		}
		return r, nil
	}
}

func gauge(d *prometheus.Desc, v float64, labels ...string) prometheus.Metric {
	return prometheus.MustNewConstMetric(d, prometheus.GaugeValue, v, labels...)
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
