package setup_test

import (
	"context"
	"errors"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/roleload/roleload/config"
	"github.com/roleload/roleload/jirasim"
	"github.com/roleload/roleload/jirasim/scenario"
	"github.com/roleload/roleload/model"
	"github.com/roleload/roleload/setup"
)

func TestInitAgainstSimulatedJira(t *testing.T) {
	for _, flavor := range []model.Flavor{model.Cloud, model.Server} {
		t.Run(string(flavor), func(t *testing.T) {
			ds, err := scenario.Load("demo", scenario.Options{Seed: 1, Flavor: flavor})
			if err != nil {
				t.Fatal(err)
			}
			srv := jirasim.New(ds, jirasim.Options{Flavor: flavor, Email: "bot@example.com", Token: "tok"})
			hs := httptest.NewServer(srv)
			defer hs.Close()
			out := filepath.Join(t.TempDir(), "roleload.yaml")
			opts := setup.Options{URL: hs.URL, TokenEnv: "JIRA_TOKEN", Token: "tok", Projects: []string{"CHK", "DISC"}, Out: out}
			if flavor == model.Cloud {
				opts.Email = "bot@example.com"
			}
			if _, err := setup.Init(context.Background(), opts); err != nil {
				t.Fatal(err)
			}
			cfg, err := config.Load(out, func(k string) string { return map[string]string{"JIRA_TOKEN": "tok"}[k] })
			if err != nil {
				t.Fatalf("the written config does not load: %v", err)
			}
			team := cfg.Teams[0]
			pm := person(t, ds, ds.Truth.PM)
			if len(team.ProductManagers) != 1 || !identifies(team.ProductManagers[0], pm) {
				t.Errorf("product_managers = %v, want the true PM %s (%s)", team.ProductManagers, pm.DisplayName, pm.ID)
			}
			if !slices.Equal(team.WaitingStatuses, []string{"Needs Info"}) || !slices.Equal(team.ReadyStatuses, []string{"Ready for Dev"}) {
				t.Errorf("waiting %v, ready %v; want [Needs Info], [Ready for Dev]", team.WaitingStatuses, team.ReadyStatuses)
			}
			if !slices.Equal(team.Discovery.Projects, []string{"DISC"}) || !slices.Equal(team.DeliveryProjects, []string{"CHK"}) {
				t.Errorf("discovery projects %v, delivery %v; want [DISC], [CHK]", team.Discovery.Projects, team.DeliveryProjects)
			}
			if team.Timezone != ds.Team.Timezone {
				t.Errorf("timezone %s, want the PM's %s", team.Timezone, ds.Team.Timezone)
			}
			for _, e := range ds.Team.Engineers {
				if !slices.ContainsFunc(team.Engineers, func(id string) bool { return identifies(id, person(t, ds, e)) }) {
					t.Errorf("engineer %s missing from %v", person(t, ds, e).DisplayName, team.Engineers)
				}
			}
			text, _ := os.ReadFile(out)
			if !strings.Contains(string(text), "# Mara Klein: created ") || !strings.Contains(string(text), "assigned ") {
				t.Errorf("no evidence comment for the PM in:\n%s", text)
			}
			if _, err := setup.Init(context.Background(), opts); !errors.Is(err, setup.ErrExists) {
				t.Errorf("second run without Force: %v, want ErrExists", err)
			}
			if after, _ := os.ReadFile(out); string(after) != string(text) {
				t.Error("second run without Force changed the file")
			}
			opts.Force = true
			if _, err := setup.Init(context.Background(), opts); err != nil {
				t.Errorf("with Force: %v", err)
			}
		})
	}
}

func person(t *testing.T, ds *scenario.Dataset, id string) model.Person {
	t.Helper()
	for _, p := range ds.People {
		if p.ID == id {
			return p
		}
	}
	t.Fatalf("no person %s", id)
	return model.Person{}
}

func identifies(s string, p model.Person) bool {
	return s != "" && (s == p.ID || s == p.AccountID || s == p.Name || s == p.Key)
}

// TestInitOnAnEmptyProject: with no issues there is nothing to guess from;
// the file still loads and says what the user must fill in.
func TestInitOnAnEmptyProject(t *testing.T) {
	ds, err := scenario.Load("demo", scenario.Options{Seed: 1, Flavor: model.Cloud})
	if err != nil {
		t.Fatal(err)
	}
	ds.Issues, ds.Histories, ds.Comments, ds.Worklogs = nil, nil, nil, nil
	hs := httptest.NewServer(jirasim.New(ds, jirasim.Options{Flavor: model.Cloud, Email: "bot@example.com", Token: "tok"}))
	defer hs.Close()
	out := filepath.Join(t.TempDir(), "roleload.yaml")
	if _, err := setup.Init(context.Background(), setup.Options{URL: hs.URL, Email: "bot@example.com", TokenEnv: "T", Token: "tok",
		Projects: []string{"CHK"}, Out: out}); err != nil {
		t.Fatal(err)
	}
	text, _ := os.ReadFile(out)
	if _, err := config.LoadOffline(out, func(string) string { return "" }); err != nil {
		t.Fatalf("does not load: %v\n%s", err, text)
	}
	for _, want := range []string{"nobody in Jira looks like a PM", "engineers:", "bots:"} {
		if !strings.Contains(string(text), want) {
			t.Errorf("no %q in:\n%s", want, text)
		}
	}
	_, err = setup.Init(context.Background(), setup.Options{URL: hs.URL, Email: "bot@example.com", TokenEnv: "T", Token: "tok",
		Projects: []string{"NOPE"}, Out: filepath.Join(t.TempDir(), "x.yaml")})
	if err == nil || !strings.Contains(err.Error(), "project NOPE is not visible") || !strings.Contains(err.Error(), "CHK") {
		t.Errorf("unknown project: %v, want an error naming it and the visible ones", err)
	}
}
