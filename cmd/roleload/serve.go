package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/roleload/roleload/dashboard"
	"github.com/roleload/roleload/monitor"
	"github.com/roleload/roleload/store"
)

func runServe(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "serve")
	cfgPath := fs.String("config", "", "config file")
	addr := fs.String("addr", "", "listen address (default serve.addr of the config, 127.0.0.1:8080)")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, err := loadReadOnly(e, *cfgPath)
	if err != nil {
		return err
	}
	if *addr == "" {
		*addr = cfg.Serve.Addr
	}
	if cfg.Serve.PasswordEnv != "" && cfg.Serve.Password == "" {
		return usagef("config %s: serve.password_env: environment variable %s is not set", cfg.Path, cfg.Serve.PasswordEnv)
	}
	if err := dashboard.CheckAddr(*addr, cfg.Serve.Password); err != nil {
		return usagef("config %s: %v", cfg.Path, err)
	}
	st, err := store.Open(ctx, cfg.Store.Path)
	if err != nil {
		return err
	}
	defer st.Close()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	dash := dashboard.New(cfg, st, cfg.Serve.Password, cfg.Clock(), e.log)
	go func() { // the front page answers from memory from then on
		if err := dash.Precompute(ctx); err != nil {
			e.log.Warn("dashboard", "err", err)
		}
	}()
	// /healthz answers without the dashboard's password (a probe has
	// none); /metrics asks for it when one is set.
	mon := monitor.New(monitor.Options{Config: cfg, Store: st, Now: cfg.Clock(), Log: e.log, Password: cfg.Serve.Password})
	srv := &http.Server{Handler: monitor.Wrap(dash, mon),
		ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second, WriteTimeout: 2 * time.Minute, IdleTimeout: time.Minute}
	fmt.Fprintf(e.stdout, "dashboard at http://%s/ until interrupted\n", ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := srv.Shutdown(shut); err != nil && !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	}
}
