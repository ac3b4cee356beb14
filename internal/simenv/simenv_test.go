package simenv_test

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/roleload/roleload/internal/simenv"
	"github.com/roleload/roleload/model"
)

// The config written for a simulator is one roleload loads as it is: it
// reaches the simulator with its token, reads "now" from its clock, names
// every team of the scenario and each product person's calendar feed.
func TestConfigFitsTheSimulator(t *testing.T) {
	for _, tc := range []struct {
		scenario string
		teams    int
	}{
		{"demo", 1},
		{"org", 8},
	} {
		t.Run(tc.scenario, func(t *testing.T) {
			sim, err := simenv.New(tc.scenario, model.Cloud, 1)
			if err != nil {
				t.Fatal(err)
			}
			const url = "http://127.0.0.1:1"
			db := filepath.Join(t.TempDir(), "r.db")
			cfg, err := sim.Config(url, db, "sim.yaml")
			if err != nil {
				t.Fatalf("%v\n%s", err, sim.ConfigYAML(url, db))
			}
			if cfg.Jira.URL != url || cfg.Jira.Token != sim.Token || cfg.Jira.Email != sim.Email || cfg.Store.Path != db {
				t.Errorf("jira %+v, store %q: want %s with the simulator's credentials and %s", cfg.Jira, cfg.Store.Path, url, db)
			}
			if got, want := cfg.Clock()(), sim.Server.Now(); !got.Equal(want) {
				t.Errorf("now: %v, want the simulator's %v", got, want)
			}
			if len(cfg.Teams) != tc.teams {
				t.Fatalf("%d teams, want %d", len(cfg.Teams), tc.teams)
			}
			feeds := map[string]string{}
			for _, f := range cfg.Calendars {
				feeds[f.Person] = f.ICS
			}
			for i, team := range cfg.Teams {
				spec := sim.Dataset.Team
				if len(sim.Dataset.Teams) > 0 {
					spec = sim.Dataset.Teams[i]
				}
				if team.Name != spec.Name || !slices.Equal(team.ProductManagers, spec.ProductManagers) || !slices.Equal(team.Engineers, spec.Engineers) {
					t.Errorf("team %d: %s PMs %v engineers %v, want %s %v %v", i, team.Name, team.ProductManagers, team.Engineers, spec.Name, spec.ProductManagers, spec.Engineers)
				}
				for _, pm := range spec.ProductManagers {
					if want := url + "/calendars/" + pm + ".ics"; feeds[pm] != want {
						t.Errorf("team %s: PM %s's feed %q, want %q", spec.Name, pm, feeds[pm], want)
					}
				}
			}
		})
	}
}
