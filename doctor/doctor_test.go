package doctor_test

import (
	"context"
	"crypto/tls"
	"github.com/roleload/roleload/internal/clock"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/roleload/roleload/collector"
	"github.com/roleload/roleload/config"
	"github.com/roleload/roleload/doctor"
	"github.com/roleload/roleload/internal/simenv"
	"github.com/roleload/roleload/jirasim"
	"github.com/roleload/roleload/jirasim/scenario"
	"github.com/roleload/roleload/mail/smtptest"
	"github.com/roleload/roleload/model"
	"github.com/roleload/roleload/store"
)

// fixture is the demo team's simulated Jira with a second "Lena Hoffmann"
// (a display name two users share), and a store collected from it.
type fixture struct {
	sim   *simenv.Sim
	url   string
	db    string
	dir   string
	relay *smtptest.Server
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	ds, err := scenario.Load("demo", scenario.Options{Seed: 1, Flavor: model.Cloud})
	if err != nil {
		t.Fatal(err)
	}
	twin := ds.People[1]
	if twin.DisplayName != "Lena Hoffmann" {
		t.Fatalf("people[1] is %s, want Lena Hoffmann", twin.DisplayName)
	}
	twin.ID, twin.AccountID, twin.Email = "5aaaaaaaaaaaaaaaaaaaaaaa", "5aaaaaaaaaaaaaaaaaaaaaaa", "lena.h@other.example.com"
	ds.People = append(ds.People, twin)
	sim := &simenv.Sim{Dataset: ds, Flavor: model.Cloud, Email: "roleload@example.com", Token: "sim-token", TokenEnv: "ROLELOAD_SIM_TOKEN"}
	sim.Server = jirasim.New(ds, jirasim.Options{Flavor: model.Cloud, Email: sim.Email, Token: sim.Token})
	hs := httptest.NewServer(sim.Server)
	t.Cleanup(hs.Close)
	f := &fixture{sim: sim, url: hs.URL, dir: t.TempDir(), relay: smtptest.Start(t, "starttls")}
	f.db = filepath.Join(f.dir, "roleload.db")
	cfg := f.config(t, "", "", "")
	st, err := store.Open(context.Background(), f.db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := collector.Run(context.Background(), st, collector.Options{Jira: cfg.Jira}); err != nil {
		t.Fatal(err)
	}
	return f
}

// config writes the demo config with extra team keys, extra top-level
// keys and a replaced jira.projects line, and loads it as doctor does.
func (f *fixture) config(t *testing.T, team, top, projects string) *config.Config {
	t.Helper()
	y := f.sim.ConfigYAML(f.url, f.db)
	for line := range strings.Lines(team) {
		key, _, _ := strings.Cut(line, ":")
		if i := strings.Index(y, "\n"+key+":"); i >= 0 {
			end := i + 1 + strings.Index(y[i+1:], "\n")
			y = y[:i+1] + line + y[end+1:]
		} else {
			y = strings.Replace(y, "  - name: checkout\n", "  - name: checkout\n"+line, 1)
		}
	}
	if projects != "" {
		y = strings.Replace(y, `  projects: ["CHK", "DISC"]`, "  projects: "+projects, 1)
	}
	path := filepath.Join(t.TempDir(), "roleload.yaml")
	if err := os.WriteFile(path, []byte(y+top), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.LoadOffline(path, func(k string) string {
		return map[string]string{"ROLELOAD_SIM_TOKEN": "sim-token", "SMTP_PASSWORD": smtptest.Pass, "BAD_TOKEN": "nope", "BAD_SMTP": "wrong"}[k]
	})
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func (f *fixture) mailYAML(passEnv string) string {
	return "email:\n  host: 127.0.0.1\n  port: " + itoa(f.relay.Port) + "\n  tls: starttls\n  username: " + smtptest.User +
		"\n  password_env: " + passEnv + "\n  from: roleload@example.com\n  to: [lead@example.com]\n"
}

func itoa(n int) string { return strconv.Itoa(n) }

func (f *fixture) run(t *testing.T, cfg *config.Config, now time.Time) *doctor.Report {
	t.Helper()
	start := time.Now()
	r := doctor.Run(context.Background(), doctor.Options{Config: cfg, Now: func() time.Time { return now },
		MailTLS: &tls.Config{RootCAs: f.relay.CA}, Timeout: 30 * time.Second})
	if d := time.Since(start); d > 30*time.Second {
		t.Errorf("doctor took %s, over its bound", d)
	}
	return r
}

func find(r *doctor.Report, name string) (doctor.Check, bool) {
	for _, c := range r.Checks {
		if c.Name == name {
			return c, true
		}
	}
	return doctor.Check{}, false
}

func TestDoctorCleanDemoConfigIsAllOK(t *testing.T) {
	f := newFixture(t)
	r := f.run(t, f.config(t, "", f.mailYAML("SMTP_PASSWORD"), ""), clock.Wall())
	for _, c := range r.Checks {
		if c.Status != doctor.OK {
			t.Errorf("%s: %s %s (fix: %s), want ok", c.Name, c.Status, c.Detail, c.Fix)
		}
	}
	for _, name := range []string{"jira auth", "jira flavor", "project CHK", "project DISC", "team checkout waiting_statuses",
		"team checkout ready_statuses", "team checkout input_labels", "team checkout discovery.labels", "team checkout discovery",
		"mail relay", "store last sync", "store failed syncs", "store changelogs"} {
		if _, ok := find(r, name); !ok {
			t.Errorf("no check %q in %+v", name, r.Checks)
		}
	}
	if !r.OK || len(f.relay.Messages()) != 0 {
		t.Errorf("report OK=%v, relay got %d messages (want none sent)", r.OK, len(f.relay.Messages()))
	}
}

func TestDoctorFindsEachMistake(t *testing.T) {
	f := newFixture(t)
	lena := f.sim.Dataset.People[1].ID
	for _, tc := range []struct {
		name, team, top, projects string
		now                       time.Time
		check, status, want       string
	}{
		{name: "misspelled status", team: "    waiting_statuses: [\"Needs info\"]\n",
			check: "team checkout waiting_statuses", status: doctor.Fail, want: `did you mean "Needs Info"`},
		{name: "misspelled label", team: "    input_labels: [\"need-info\"]\n",
			check: "team checkout input_labels", status: doctor.Fail, want: `did you mean "needs-info"`},
		{name: "unknown person", team: "    product_owners: [\"Nobody Here\"]\n",
			check: `team checkout product_owners "Nobody Here"`, status: doctor.Fail, want: "matches no Jira user"},
		{name: "ambiguous display name", team: "    product_owners: [\"Lena Hoffmann\"]\n",
			check: `team checkout product_owners "Lena Hoffmann"`, status: doctor.Fail, want: "matches 2 Jira users: Lena Hoffmann (" + lena},
		{name: "project not visible", projects: `["CHK", "DISC", "CHX"]`,
			check: "project CHX", status: doctor.Fail, want: `did you mean "CHK"`},
		{name: "bad token", top: "", projects: "",
			check: "jira auth", status: doctor.Fail, want: "401"},
		{name: "SMTP refuses AUTH", top: f.mailYAML("BAD_SMTP"),
			check: "mail relay", status: doctor.Fail, want: "535"},
		{name: "stale store", now: clock.Wall().Add(72 * time.Hour),
			check: "store last sync", status: doctor.Fail, want: "older than alerts.stale_after (48h0m0s)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := f.config(t, tc.team, tc.top, tc.projects)
			if tc.name == "bad token" {
				cfg.Jira.Token = "nope"
			}
			now := tc.now
			if now.IsZero() {
				now = clock.Wall() // the fixture collected on it
			}
			r := f.run(t, cfg, now)
			c, ok := find(r, tc.check)
			if !ok {
				t.Fatalf("no check %q in %+v", tc.check, r.Checks)
			}
			if c.Status != tc.status || !strings.Contains(c.Detail+" "+c.Fix, tc.want) {
				t.Errorf("%s: %s %q (fix %q), want %s containing %q", c.Name, c.Status, c.Detail, c.Fix, tc.status, tc.want)
			}
			if r.OK {
				t.Error("report OK with a failed check")
			}
			for _, other := range r.Checks {
				if other.Status == doctor.Fail && other.Name != tc.check && tc.name != "bad token" {
					t.Errorf("also failed: %s: %s", other.Name, other.Detail)
				}
			}
		})
	}
}

func TestDoctorBoundsAHangingJira(t *testing.T) {
	hang := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	}))
	defer hang.Close()
	path := filepath.Join(t.TempDir(), "roleload.yaml")
	y := "jira:\n  url: " + hang.URL + "\n  email: a@b.c\n  projects: [CHK]\nstore:\n  path: " + filepath.Join(t.TempDir(), "x.db") +
		"\nteams:\n  - name: t\n    product_managers: [x]\n    delivery_projects: [CHK]\n"
	if err := os.WriteFile(path, []byte(y), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.LoadOffline(path, func(string) string { return "tok" })
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	r := doctor.Run(context.Background(), doctor.Options{Config: cfg, Timeout: 3 * time.Second, StepTimeout: time.Second})
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("doctor took %s with a 3s bound", d)
	}
	c, ok := find(r, "jira")
	if !ok || c.Status != doctor.Fail || !strings.Contains(c.Detail, "did not finish within") || r.OK {
		t.Errorf("hanging Jira: %+v, want a failed jira check saying it timed out", r.Checks)
	}
}

// TestDoctorStoreHealth: failed syncs in a row fail, an incomplete
// changelog warns.
func TestDoctorStoreHealth(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	st, err := store.Open(ctx, f.db)
	if err != nil {
		t.Fatal(err)
	}
	now := clock.Wall()
	for i := range 3 {
		id, err := st.StartRun(ctx, now.Add(time.Duration(i)*time.Minute), "cloud")
		if err != nil {
			t.Fatal(err)
		}
		if err := st.FinishRun(ctx, store.SyncRun{ID: id, Finished: now.Add(time.Duration(i)*time.Minute + time.Second),
			Status: store.RunFailed, Flavor: "cloud", Error: "jira 401: bad token"}); err != nil {
			t.Fatal(err)
		}
	}
	is := model.Issue{ID: "999999", Key: "CHK-9999", ProjectKey: "CHK", Type: "Story", Status: "To Do", Created: now, Updated: now, ChangelogTotal: 3}
	if err := st.SaveBatch(ctx, store.Batch{Issues: []store.IssueData{{Issue: is, Raw: []byte(`{}`)}}}, nil); err != nil {
		t.Fatal(err)
	}
	st.Close()
	r := f.run(t, f.config(t, "", "", ""), now)
	for _, want := range []struct{ name, status, detail string }{
		{"store failed syncs", doctor.Fail, "3 failed in a row (alerts.failed_syncs 3), last: jira 401: bad token"},
		{"store changelogs", doctor.Warn, "1 issues hold fewer histories than Jira reported"},
	} {
		c, ok := find(r, want.name)
		if !ok || c.Status != want.status || !strings.Contains(c.Detail, want.detail) {
			t.Errorf("%s: %+v, want %s %q", want.name, c, want.status, want.detail)
		}
	}
}

// TestDoctorCalendars: the simulator's calendar is reachable, parses and
// has meetings; a missing file and an unset secret address fail, naming
// the person and the file or variable, never a URL.
func TestDoctorCalendars(t *testing.T) {
	f := newFixture(t)
	cfg := f.config(t, "", f.mailYAML("SMTP_PASSWORD"), "")
	if len(cfg.Calendars) == 0 {
		t.Fatal("the simulator's config names no calendar")
	}
	r := f.run(t, cfg, clock.Wall())
	found := false
	for _, c := range r.Checks {
		if strings.HasPrefix(c.Name, "calendar ") {
			found = true
			if c.Status != doctor.OK || !strings.Contains(c.Detail, "meetings in the last 4 weeks") {
				t.Errorf("simulator calendar: %s %q, want ok with meetings", c.Status, c.Detail)
			}
		}
	}
	if !found {
		t.Fatalf("no calendar check in %+v", r.Checks)
	}
	missing := filepath.Join(t.TempDir(), "nope.ics")
	cfg.Calendars[0].File, cfg.Calendars[0].URL, cfg.Calendars[0].ICS = missing, "", missing
	r = f.run(t, cfg, clock.Wall())
	for _, c := range r.Checks {
		if strings.HasPrefix(c.Name, "calendar ") && (c.Status != doctor.Fail || !strings.Contains(c.Name+c.Detail, "nope.ics")) {
			t.Errorf("missing file: %s %s %q, want fail naming the file", c.Name, c.Status, c.Detail)
		}
	}
	if r.OK {
		t.Error("report OK with an unreadable calendar")
	}
}

// TestDoctorLeavesTheStoreAsFound: doctor never creates a store, and the
// one store it opens for all its checks is closed when it returns (the
// last connection's close removes the WAL file).
func TestDoctorLeavesTheStoreAsFound(t *testing.T) {
	f := newFixture(t)
	now := clock.Wall()

	r := f.run(t, f.config(t, "", "", ""), now)
	if c, ok := find(r, "store last sync"); !ok || c.Status == doctor.Fail {
		t.Errorf("store last sync on a collected store: %+v", c)
	}
	if _, err := os.Stat(f.db + "-wal"); !os.IsNotExist(err) {
		t.Errorf("after doctor, %s-wal is still there (stat: %v): the store was left open", f.db, err)
	}

	missing := filepath.Join(t.TempDir(), "never-collected.db")
	f.db = missing
	r = f.run(t, f.config(t, "", "", ""), now)
	if c, ok := find(r, "store"); !ok || c.Status != doctor.Warn || !strings.Contains(c.Detail, "does not exist yet") {
		t.Errorf("store on a missing file: %+v, want a warning that it does not exist yet", c)
	}
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Errorf("doctor created %s (stat: %v)", missing, err)
	}
}
