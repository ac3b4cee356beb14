package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/roleload/roleload/internal/simenv"
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
	sim, err := simenv.New(*scenario, fl, *seed)
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
	// What follows is a roleload.yaml for this simulator; the comments say
	// how to use it, runnable as printed from the folder sim runs in.
	self, asOf := selfPath(os.Args[0]), sim.Dataset.End.In(simTeamLocation(sim)).Format("2006-01-02")
	fmt.Fprintf(e.stdout, "# this output is a roleload.yaml for it; to use it from this folder, stop this run (Ctrl-C) and run:\n")
	fmt.Fprintf(e.stdout, "# %s sim --addr %s --scenario %s --flavor %s --seed %d > sim.yaml &\n", self, *addr, *scenario, fl, *seed)
	fmt.Fprintf(e.stdout, "# export %s=%s\n", sim.TokenEnv, sim.Token)
	fmt.Fprintf(e.stdout, "# %s collect --config sim.yaml\n", self)
	fmt.Fprintf(e.stdout, "# %s analyze --config sim.yaml --team %s --as-of %s\n", self, sim.Dataset.Team.Name, asOf)
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

// simTeamLocation is the simulated team's time zone (UTC if unknown).
func simTeamLocation(sim *simenv.Sim) *time.Location {
	if loc, err := time.LoadLocation(sim.Dataset.Team.Timezone); err == nil {
		return loc
	}
	return time.UTC
}
