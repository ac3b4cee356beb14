package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/roleload/roleload/alerts"
	"github.com/roleload/roleload/config"
	"github.com/roleload/roleload/daemon"
	"github.com/roleload/roleload/monitor"
	"github.com/roleload/roleload/store"
)

func runDaemon(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "run")
	cfgPath := fs.String("config", "", "config file")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, st, err := openForJira(ctx, e, *cfgPath, "run the daemon")
	if err != nil {
		return err
	}
	defer st.Close()
	// A rule that could never fire is refused now, not at every collect.
	if err := alerts.CheckRules(cfg); err != nil {
		return err
	}
	// A daemon's log is its only voice: info by default, unless
	// ROLELOAD_LOG says otherwise.
	log := e.log
	if e.getenv("ROLELOAD_LOG") == "" {
		log = slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	}
	stop, err := serveMonitor(cfg, st, log)
	if err != nil {
		return err
	}
	defer stop()
	return daemon.Run(ctx, daemon.Options{Config: cfg, Store: st, Log: log, Now: cfg.Clock()})
}

// serveMonitor serves /healthz and /metrics on schedule.http_addr while
// the daemon runs (nothing when it is not set); stop shuts it down.
func serveMonitor(cfg *config.Config, st *store.Store, log *slog.Logger) (stop func(), err error) {
	if cfg.Schedule.HTTPAddr == "" {
		return func() {}, nil
	}
	ln, err := net.Listen("tcp", cfg.Schedule.HTTPAddr)
	if err != nil {
		return nil, fmt.Errorf("config %s: schedule.http_addr: %w", cfg.Path, err)
	}
	mon := monitor.New(monitor.Options{Config: cfg, Store: st, Now: cfg.Clock(), Log: log, Password: cfg.Serve.Password})
	srv := &http.Server{Handler: mon, ReadHeaderTimeout: 10 * time.Second, WriteTimeout: time.Minute}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("monitor server stopped", "addr", cfg.Schedule.HTTPAddr, "err", err)
		}
	}()
	log.Info("serving /healthz and /metrics", "addr", ln.Addr().String())
	return func() {
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shut)
	}, nil
}
