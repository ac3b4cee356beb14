package dashboard

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/roleload/roleload/app"
	"github.com/roleload/roleload/config"
	"github.com/roleload/roleload/internal/isoweek"
	"github.com/roleload/roleload/reports"
	"github.com/roleload/roleload/reports/charts"
	"github.com/roleload/roleload/store"
)

// teamState is one team's figures for one week and window, and what is
// drawn of them. It is immutable once built, except for the person
// timelines it draws on request.
type teamState struct {
	team   *config.Team
	week   isoweek.Week
	weeks  int
	now    time.Time
	rep    *reports.Report // nil when err
	err    error
	page   []byte // the team page
	sparks map[string][]byte

	mu        sync.Mutex
	timelines map[string][]byte // person ID + format -> chart
}

// snapshot is every team's last complete week, computed after a collect.
type snapshot struct {
	run       int64 // the last sync run when it was computed, and its status
	runStatus string
	now       time.Time
	lastSync  time.Time // the last successful collect's end (zero: none)
	teams     []*teamState
	byName    map[string]*teamState
	compare   []byte // the team comparison, PNG
	took      time.Duration
}

// Precompute computes the pages of the last complete week of every team
// and swaps them in at once, so the front page and these team pages are
// answered from memory. The daemon and serve call it at start and after
// each collect; the pages served until it returns are the previous ones.
func (h *Handler) Precompute(ctx context.Context) error {
	h.precompute.Lock()
	defer h.precompute.Unlock()
	return h.precomputeLocked(ctx)
}

func (h *Handler) precomputeLocked(ctx context.Context) error {
	start := time.Now() // wallclock:duration
	now := h.now()
	s := &snapshot{now: now, byName: map[string]*teamState{}}
	runs, err := h.st.LastRuns(ctx, 50)
	if err != nil {
		return fmt.Errorf("dashboard: %w", err)
	}
	if len(runs) > 0 {
		s.run, s.runStatus = runs[0].ID, runs[0].Status
	}
	for _, r := range runs {
		if r.Status == store.RunOK {
			s.lastSync = r.Finished
			break
		}
	}
	site := app.SiteURL(ctx, h.st, h.cfg)
	s.teams = make([]*teamState, len(h.cfg.Teams))
	var wg sync.WaitGroup
	sem := make(chan struct{}, busy)
	for i := range h.cfg.Teams {
		team := &h.cfg.Teams[i]
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			s.teams[i] = h.build(ctx, team, isoweek.LastComplete(now, team.Location), app.ReportWeeks, now, site)
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err // half a snapshot is worse than the previous one
	}
	for _, ts := range s.teams {
		s.byName[ts.team.Name] = ts
	}
	if s.compare, err = comparison(h.cfg, s.teams, charts.PNG); err != nil {
		return fmt.Errorf("dashboard: %w", err)
	}
	s.took = time.Since(start)
	h.snap.Store(s)
	h.mu.Lock()
	clear(h.pages)
	h.mu.Unlock()
	h.log.Info("dashboard computed", "teams", len(s.teams), "run", s.run, "took", s.took.Round(time.Millisecond))
	return nil
}

// current is the snapshot, computed first if there is none yet.
func (h *Handler) current(ctx context.Context) (*snapshot, error) {
	if s := h.snap.Load(); s != nil {
		h.checkLater()
		return s, nil
	}
	h.precompute.Lock()
	defer h.precompute.Unlock()
	if s := h.snap.Load(); s != nil {
		return s, nil
	}
	if err := h.precomputeLocked(ctx); err != nil {
		return nil, err
	}
	return h.snap.Load(), nil
}

// checkLater looks, in the background and at most every checkEvery,
// whether a collect has finished or the week has turned since the
// snapshot, and computes a new one then. The request that calls it is
// answered from the snapshot it has.
func (h *Handler) checkLater() {
	if time.Now().UnixNano()-h.checked.Load() < int64(checkEvery) /* wallclock:duration */ || !h.checking.CompareAndSwap(false, true) {
		return
	}
	h.checked.Store(time.Now().UnixNano()) // wallclock:duration (a throttle)
	go func() {
		defer h.checking.Store(false)
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
		defer cancel()
		if h.stale(ctx) {
			if err := h.Precompute(ctx); err != nil {
				h.log.Warn("dashboard", "err", err)
			}
		}
	}()
}

func (h *Handler) stale(ctx context.Context) bool {
	s := h.snap.Load()
	runs, err := h.st.LastRuns(ctx, 1)
	if err != nil {
		h.log.Warn("dashboard: look for a new collect", "err", err)
		return false
	}
	if len(runs) == 1 && runs[0].Status != store.RunRunning && (runs[0].ID != s.run || runs[0].Status != s.runStatus) {
		return true
	}
	now := h.now()
	for _, ts := range s.teams {
		if isoweek.LastComplete(now, ts.team.Location).String() != ts.week.String() {
			return true
		}
	}
	return false
}

// build analyses one team's window from the store and renders its page.
// An error is kept in the state: the front page shows it in the team's row.
func (h *Handler) build(ctx context.Context, team *config.Team, week isoweek.Week, weeks int, now time.Time, site string) *teamState {
	h.built.Add(1)
	ts := &teamState{team: team, week: week, weeks: weeks, now: now, timelines: map[string][]byte{}}
	var err error
	ts.rep, err = app.BuildReport(ctx, h.st, h.cfg, team, app.ReportRequest{Week: week, Weeks: weeks, Now: now, SiteURL: site})
	if err != nil {
		ts.err = err
		h.log.Warn("dashboard", "team", team.Name, "week", week.String(), "err", err)
		return ts
	}
	if ts.sparks, err = sparks(ts.rep); err == nil {
		ts.page, err = h.renderTeam(ts)
	}
	// The people's timelines too: a person page then answers from memory.
	for i := range ts.rep.Current.People {
		if err == nil {
			_, err = ts.timeline(&ts.rep.Current.People[i], charts.PNG)
		}
	}
	if err != nil {
		ts.err, ts.rep = err, nil
		h.log.Warn("dashboard", "team", team.Name, "week", week.String(), "err", err)
	}
	return ts
}

// teamFor is the figures the request asks for: ?week= and ?weeks=, by
// default the last complete week over the report's four. On error it has
// answered the request.
func (h *Handler) teamFor(w http.ResponseWriter, r *http.Request) (*teamState, bool) {
	team, ok := h.cfg.Team(r.PathValue("name"))
	if !ok {
		http.Error(w, "no such team", http.StatusNotFound)
		return nil, false
	}
	now := h.now()
	last := isoweek.LastComplete(now, team.Location)
	week := last
	if v := r.URL.Query().Get("week"); v != "" {
		var err error
		if week, err = isoweek.Parse(v, team.Location); err != nil || week.Year < 2000 || week.Monday.After(now) {
			http.Error(w, "week: an ISO week like "+last.String()+", not in the future", http.StatusBadRequest)
			return nil, false
		}
	}
	weeks := app.ReportWeeks
	if v := r.URL.Query().Get("weeks"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || !slices.Contains(Windows, n) {
			http.Error(w, fmt.Sprintf("weeks: one of %v", Windows), http.StatusBadRequest)
			return nil, false
		}
		weeks = n
	}
	ts, err := h.stateOf(r.Context(), team, week, weeks, now)
	if err == nil && ts.err != nil {
		err = ts.err
	}
	if err != nil {
		if r.Context().Err() == nil {
			code, msg := pageError(err)
			http.Error(w, msg, code)
		}
		return nil, false
	}
	return ts, true
}

// stateOf is the snapshot's state when it is the one asked for, else one
// built for the request (and cached until the next collect).
func (h *Handler) stateOf(ctx context.Context, team *config.Team, week isoweek.Week, weeks int, now time.Time) (*teamState, error) {
	// Without a snapshot yet, only this team is computed: a team page
	// does not wait for the whole organisation.
	if s := h.snap.Load(); s != nil {
		h.checkLater()
		if ts := s.byName[team.Name]; ts != nil && ts.week.String() == week.String() && ts.weeks == weeks {
			return ts, nil
		}
	}
	key := pageKey{team: team.Name, week: week.String(), weeks: weeks, day: now.In(team.Location).Format("2006-01-02")}
	if runs, err := h.st.LastRuns(ctx, 1); err == nil && len(runs) == 1 {
		key.run, key.runState = runs[0].ID, runs[0].Status
	}
	h.mu.Lock()
	ts, ok := h.pages[key]
	h.mu.Unlock()
	if ok && key.runState != store.RunRunning {
		return ts, nil
	}
	select {
	case h.slots <- struct{}{}:
		defer func() { <-h.slots }()
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	ts = h.build(ctx, team, week, weeks, now, app.SiteURL(ctx, h.st, h.cfg))
	h.mu.Lock()
	if len(h.pages) >= maxPages {
		clear(h.pages) // simple: a new collect makes them all stale anyway
	}
	h.pages[key] = ts
	h.mu.Unlock()
	return ts, nil
}
