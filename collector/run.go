package collector

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"github.com/roleload/roleload/collector/jira"
	"github.com/roleload/roleload/config"
	"github.com/roleload/roleload/internal/clock"
	"github.com/roleload/roleload/model"
	"github.com/roleload/roleload/store"
)

// runner is one run's state.
type runner struct {
	st       *store.Store
	c        *jira.Client
	cfg      config.Jira
	log      *slog.Logger
	progress io.Writer

	flavor     model.Flavor
	loc        *time.Location // the API user's zone: JQL dates are read in it
	serverTime time.Time      // Jira's clock at the run's start
	fm         jira.FieldMap
	fields     []string          // search fields parameter
	byName     map[string]string // Server/DC user name -> key, for [~name] mentions
	sum        Summary
	done       int // issues completed (progress; committed ones are in sum)
}

// Run performs one sync: the incremental pass (resuming a killed one),
// then the census when due. It records the run in sync_runs whatever
// happens. A Jira error ends the run with a *Error.
func Run(ctx context.Context, st *store.Store, opts Options) (Summary, error) {
	now := clock.Or(opts.Now)
	started, began := now(), time.Now() // wallclock:duration (began only times the run)

	r, err := newRunner(st, opts)
	if err != nil {
		return Summary{}, err
	}
	unlock, err := st.LockCollect()
	if err != nil {
		return Summary{}, err
	}
	defer unlock()
	runID, err := st.StartRun(ctx, started, opts.Jira.Flavor)
	if err != nil {
		return Summary{}, err
	}
	err = r.run(ctx)
	if r.progress != nil {
		fmt.Fprintln(r.progress)
	}
	r.sum.Requests = r.c.Requests()
	r.sum.Duration = time.Since(began)
	r.sum.Flavor = string(r.flavor)
	rec := store.SyncRun{ID: runID, Finished: started.Add(time.Since(began)), Status: store.RunOK, Flavor: r.sum.Flavor, Issues: r.sum.Issues,
		Histories: r.sum.Histories, Comments: r.sum.Comments, Worklogs: r.sum.Worklogs, Deleted: r.sum.Deleted, Requests: r.sum.Requests}
	switch {
	case err != nil && (ctx.Err() != nil || errors.Is(err, context.Canceled)):
		rec.Status, rec.Error = store.RunInterrupted, err.Error()
	case err != nil:
		rec.Status, rec.Error = store.RunFailed, err.Error()
	}
	if ferr := st.FinishRun(context.WithoutCancel(ctx), rec); ferr != nil && err == nil {
		err = ferr
	}
	if err != nil {
		r.log.Error("collect failed", "err", err, "requests", r.sum.Requests)
	} else {
		r.log.Info("collect done", "issues", r.sum.Issues, "histories", r.sum.Histories, "comments", r.sum.Comments,
			"worklogs", r.sum.Worklogs, "deleted", r.sum.Deleted, "requests", r.sum.Requests, "duration", r.sum.Duration)
	}
	return r.sum, err
}

func newRunner(st *store.Store, opts Options) (*runner, error) {
	cfg := opts.Jira
	if len(cfg.Projects) == 0 {
		return nil, errors.New("collect: jira.projects lists no project")
	}
	if cfg.PageSize <= 0 {
		cfg.PageSize = 100
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	email := cfg.Email
	if cfg.Flavor == string(model.Server) {
		email = "" // Server/DC: the token is a personal access token (Bearer)
	}
	c, err := jira.New(jira.Config{URL: cfg.URL, Email: email, Token: cfg.Token, HTTPClient: opts.HTTPClient,
		Timeout: cfg.Timeout.D(), MaxRetries: cfg.MaxRetries, Sleep: opts.Sleep, Logger: log})
	if err != nil {
		return nil, err
	}
	return &runner{st: st, c: c, cfg: cfg, log: log, progress: opts.Progress, byName: map[string]string{}}, nil
}

func (r *runner) run(ctx context.Context) error {
	si, err := r.c.ServerInfo(ctx)
	if err != nil {
		return err
	}
	r.serverTime = si.ServerTime.Time
	// Reports link issues at the site's own URL (jira.url may be the API gateway).
	if err := r.st.SaveSite(ctx, store.Site{BaseURL: si.BaseURL, Deployment: si.DeploymentType, Version: si.Version, SeenAt: si.ServerTime.Time}); err != nil {
		return err
	}
	r.flavor = model.Flavor(r.cfg.Flavor)
	if r.flavor == "" {
		r.flavor = model.Server
		if strings.EqualFold(si.DeploymentType, "Cloud") {
			r.flavor = model.Cloud
		}
	}
	me, err := r.c.Myself(ctx)
	if err != nil {
		return err
	}
	r.loc = me.Location
	if err := r.loadFields(ctx); err != nil {
		return err
	}
	if err := r.loadNames(ctx); err != nil {
		return err
	}
	if err := r.syncSprints(ctx); err != nil {
		return err
	}
	full, fresh, err := r.pass(ctx)
	switch {
	case err != nil:
		return err
	case fresh:
		return r.applyCensus(ctx, store.CensusDiff{})
	case full:
		return r.census(ctx)
	}
	return r.censusIfDue(ctx)
}

func (r *runner) loadFields(ctx context.Context) error {
	fs, err := r.c.Fields(ctx)
	if err != nil {
		return err
	}
	fm, found := jira.FindFields(fs)
	r.fm = fm
	r.fields = append(jira.SystemFields(), fm.IDs()...)
	rows := make([]store.Field, 0, len(found))
	for _, m := range found {
		rows = append(rows, store.Field{Purpose: m.Purpose, ID: m.Field.ID, Name: m.Field.Name, Schema: m.Field.Schema.Custom})
	}
	return r.st.SaveFields(ctx, rows)
}

// loadNames reads the user names known from earlier runs (Server/DC
// mentions name users, the store keys them).
func (r *runner) loadNames(ctx context.Context) error {
	if r.flavor != model.Server {
		return nil
	}
	people, err := r.st.People(ctx)
	if err != nil {
		return err
	}
	for _, p := range people {
		if p.Name != "" {
			r.byName[p.Name] = p.ID
		}
	}
	return nil
}

func (r *runner) showProgress() {
	if r.progress != nil {
		fmt.Fprintf(r.progress, "\rcollect: %d issues, %d histories, %d comments, %d worklogs, %d requests",
			max(r.done, r.sum.Issues), r.sum.Histories, r.sum.Comments, r.sum.Worklogs, r.c.Requests())
	}
}
