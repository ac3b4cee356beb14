// Package demo is `roleload demo`: it starts the simulated Jira
// (internal/simenv) on loopback, collects it and its calendar feeds into a
// fresh store, analyses its team and writes the weekly report, the whole
// product end to end without a Jira.
package demo

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/roleload/roleload/app"
	"github.com/roleload/roleload/calendar"
	"github.com/roleload/roleload/collector"
	"github.com/roleload/roleload/internal/isoweek"
	"github.com/roleload/roleload/internal/simenv"
	"github.com/roleload/roleload/model"
	"github.com/roleload/roleload/reports"
	"github.com/roleload/roleload/store"
)

// Options configure a demo run.
type Options struct {
	Out      string // folder for roleload.db and the report
	Flavor   model.Flavor
	Seed     int64
	Logger   *slog.Logger
	Progress io.Writer // nil: quiet
}

// Result is what a demo produced.
type Result struct {
	Collect  collector.Summary
	Report   *reports.Report
	DB       string
	Config   string   // the roleload.yaml written for the simulated Jira
	Files    []string // report files written
	Headline string

	// Calendars is one line per calendar feed loaded.
	Calendars []calendar.FeedSummary
}

// Run starts the simulated Jira on loopback, collects it into a fresh
// store in opts.Out, analyses its team and writes the weekly report there:
// the whole product, end to end, without a Jira.
func Run(ctx context.Context, opts Options) (*Result, error) {
	if err := os.MkdirAll(opts.Out, 0o755); err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	sim, err := simenv.New("demo", opts.Flavor, opts.Seed)
	if err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("demo: simulated Jira: %w", err)
	}
	srv := &http.Server{Handler: sim.Server, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()

	res := &Result{DB: filepath.Join(opts.Out, "roleload.db"), Config: filepath.Join(opts.Out, "roleload.yaml")}
	// A demo starts from an empty store, so what it prints is this run's.
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if err := os.Remove(res.DB + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("demo: %w", err)
		}
	}
	url := "http://" + ln.Addr().String()
	cfg, err := sim.Config(url, res.DB, res.Config)
	if err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	if err := os.WriteFile(res.Config, []byte(sim.ConfigYAML(url, res.DB)), 0o644); err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	st, err := store.Open(ctx, res.DB)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	res.Collect, err = collector.Run(ctx, st, collector.Options{Jira: cfg.Jira, Logger: opts.Logger, Progress: opts.Progress, Now: cfg.Clock()})
	if err != nil {
		return nil, fmt.Errorf("demo: collect: %w", err)
	}
	// The PM's calendar, served by the simulator too (SPEC §5.1).
	res.Calendars, err = calendar.Collect(ctx, st, calendar.ConfigOptions(cfg, opts.Logger))
	if err != nil {
		return nil, fmt.Errorf("demo: calendars: %w", err)
	}
	team := &cfg.Teams[0]
	week := isoweek.Of(sim.Dataset.End.In(team.Location))
	res.Report, err = app.BuildReport(ctx, st, cfg, team, app.ReportRequest{Week: week, Now: sim.Server.Now()})
	if err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	res.Files, err = reports.WriteDir(opts.Out, res.Report)
	if err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	res.Headline = reports.Headline(res.Report.Current)
	return res, nil
}
