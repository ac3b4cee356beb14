// Package simenv is the simulated Jira of jirasim with a roleload config
// that fits it, for `roleload sim`, `roleload demo` and the tests. It does
// not import app, so app's own tests can stand on it.
package simenv

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/roleload/roleload/config"
	"github.com/roleload/roleload/jirasim"
	"github.com/roleload/roleload/jirasim/scenario"
	"github.com/roleload/roleload/model"
)

// Sim is a simulated Jira with the credentials and team config that fit it.
type Sim struct {
	Dataset  *scenario.Dataset
	Server   *jirasim.Server
	Flavor   model.Flavor
	Email    string
	Token    string
	TokenEnv string
}

// New generates the scenario name and a server for it. The token is not a
// secret: the simulator only checks that clients send it.
func New(name string, flavor model.Flavor, seed int64) (*Sim, error) {
	ds, err := scenario.Load(name, scenario.Options{Seed: seed, Flavor: flavor})
	if err != nil {
		return nil, err
	}
	s := &Sim{Dataset: ds, Flavor: flavor, Email: "roleload@example.com", Token: "sim-token", TokenEnv: "ROLELOAD_SIM_TOKEN"}
	s.Server = jirasim.New(ds, jirasim.Options{Flavor: flavor, Email: s.Email, Token: s.Token})
	return s, nil
}

// Config is ConfigYAML parsed as config.Load would, with the simulator's
// token in its variable; name is used in messages.
func (s *Sim) Config(url, storePath, name string) (*config.Config, error) {
	getenv := func(k string) string {
		if k == s.TokenEnv {
			return s.Token
		}
		return ""
	}
	return config.Parse(strings.NewReader(s.ConfigYAML(url, storePath)), name, getenv)
}

// ConfigYAML is a roleload.yaml that points at the simulator at url.
func (s *Sim) ConfigYAML(url, storePath string) string {
	teams := s.Dataset.Teams
	if len(teams) == 0 {
		teams = []scenario.TeamSpec{s.Dataset.Team}
	}
	var b strings.Builder
	var projects []string
	for _, t := range teams {
		projects = append(append(projects, t.DeliveryProjects...), t.DiscoveryProjects...)
	}
	// The simulator's data ends at its clock: every command reads "now" from it.
	fmt.Fprintf(&b, "now: %s\n", s.Server.Now().UTC().Format(time.RFC3339))
	fmt.Fprintf(&b, "jira:\n  url: %s\n  flavor: %s\n  email: %s\n  token_env: %s\n  projects: %s\n", url, s.Flavor, s.Email, s.TokenEnv, yamlList(projects))
	fmt.Fprintf(&b, "store:\n  path: %s\n", storePath)
	fmt.Fprintf(&b, "teams:\n")
	for _, t := range teams {
		fmt.Fprintf(&b, "  - name: %s\n    timezone: %s\n    working_hours: %q\n", t.Name, t.Timezone, t.WorkingHours)
		fmt.Fprintf(&b, "    holidays: %s\n    product_managers: %s\n    product_owners: %s\n", yamlList(t.Holidays), yamlList(t.ProductManagers), yamlList(t.ProductOwners))
		fmt.Fprintf(&b, "    engineers: %s\n    delivery_projects: %s\n", yamlList(t.Engineers), yamlList(t.DeliveryProjects))
		fmt.Fprintf(&b, "    discovery:\n      projects: %s\n", yamlList(t.DiscoveryProjects))
	}
	fmt.Fprintf(&b, "bots: %s\n", yamlList(teams[0].Bots))
	b.WriteString(s.calendarsYAML(url))
	return b.String()
}

// calendarsYAML points a calendars: block at the simulator's feed of each
// product person (jirasim serves /calendars/{user}.ics).
func (s *Sim) calendarsYAML(url string) string {
	teams := s.Dataset.Teams
	if len(teams) == 0 {
		teams = []scenario.TeamSpec{s.Dataset.Team}
	}
	var ids []string
	for _, t := range teams {
		ids = append(append(ids, t.ProductManagers...), t.ProductOwners...)
	}
	var b strings.Builder
	domains := map[string]bool{}
	for _, id := range ids {
		for _, p := range s.Dataset.People {
			if p.ID != id {
				continue
			}
			if b.Len() == 0 {
				b.WriteString("calendars:\n")
			}
			fmt.Fprintf(&b, "  - person: %q\n    email: %q\n    ics: %s/calendars/%s.ics\n", p.ID, p.Email, url, p.ID)
			if _, d, ok := strings.Cut(p.Email, "@"); ok {
				domains[d] = true
			}
		}
	}
	if b.Len() == 0 {
		return ""
	}
	var ds []string
	for d := range domains {
		ds = append(ds, d)
	}
	sort.Strings(ds)
	fmt.Fprintf(&b, "calendar:\n  company_domains: %s\n", yamlList(ds))
	return b.String()
}

// yamlList writes a flow sequence of double-quoted strings.
func yamlList(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = fmt.Sprintf("%q", x)
	}
	return "[" + strings.Join(q, ", ") + "]"
}
