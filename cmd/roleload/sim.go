package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/roleload/roleload/app"
	"github.com/roleload/roleload/model"
)

func runSim(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "sim")
	addr := fs.String("addr", "127.0.0.1:8089", "listen address")
	scenario := fs.String("scenario", "demo", "scenario: demo, overloaded, coping, calm, load")
	flavor := fs.String("flavor", "cloud", "cloud or server")
	seed := fs.Int64("seed", 1, "generator seed")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	fl, err := parseFlavor(*flavor)
	if err != nil {
		return err
	}
	sim, err := app.NewSim(*scenario, fl, *seed)
	if err != nil {
		return usagef("--scenario: %v", err)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen %s: %w", *addr, err)
	}
	srv := &http.Server{Handler: sim.Server, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(shutdown)
	}()
	url := "http://" + ln.Addr().String()
	fmt.Fprintf(e.stdout, "# simulated Jira (%s, scenario %s, seed %d) at %s until interrupted\n", fl, *scenario, *seed, url)
	fmt.Fprintf(e.stdout, "# export %s=%s\n", sim.TokenEnv, sim.Token)
	fmt.Fprint(e.stdout, sim.ConfigYAML(url, "./roleload.db"))
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve %s: %w", url, err)
	}
	return nil
}

func parseFlavor(s string) (model.Flavor, error) {
	switch s {
	case "cloud":
		return model.Cloud, nil
	case "server":
		return model.Server, nil
	}
	return "", usagef("--flavor: %q is not cloud or server", s)
}
