package dashboard

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/roleload/roleload/app"
	"github.com/roleload/roleload/collector"
	"github.com/roleload/roleload/config"
	"github.com/roleload/roleload/internal/isoweek"
	"github.com/roleload/roleload/internal/simenv"
	"github.com/roleload/roleload/jirasim"
	"github.com/roleload/roleload/jirasim/scenario"
	"github.com/roleload/roleload/model"
	"github.com/roleload/roleload/store"
)

// hostile is Jira and config text that must never run in a manager's browser.
const hostile = `<script>window.__pwned=1</script>`

// org is the eight-team organisation collected from the simulated Jira
// over HTTP into a store under t.TempDir(), and its dashboard.
type org struct {
	srv  *httptest.Server
	cfg  *config.Config
	h    *Handler
	st   *store.Store
	sim  *simenv.Sim
	jira *httptest.Server
	now  time.Time
}

// newOrg collects the "org" scenario. One team's issue summaries and
// another team's name carry a script.
func newOrg(t testing.TB, password string) *org {
	t.Helper()
	ds, err := scenario.Load("org", scenario.Options{Seed: 1, Flavor: model.Cloud})
	if err != nil {
		t.Fatal(err)
	}
	for i := range ds.Issues {
		if is := &ds.Issues[i]; is.ProjectKey == "PAY" {
			is.Summary = hostile + " " + is.Summary
		}
	}
	sim := &simenv.Sim{Dataset: ds, Flavor: model.Cloud, Email: "roleload@example.com", Token: "sim-token", TokenEnv: "ROLELOAD_SIM_TOKEN"}
	sim.Server = jirasim.New(ds, jirasim.Options{Flavor: sim.Flavor, Email: sim.Email, Token: sim.Token})
	jira := httptest.NewServer(sim.Server)
	t.Cleanup(jira.Close)
	cfg, err := sim.Config(jira.URL, filepath.Join(t.TempDir(), "r.db"), "test.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cfg.Teams[6].Name = "growth" + hostile
	st, err := store.Open(context.Background(), cfg.Store.Path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := collector.Run(context.Background(), st, collector.Options{Jira: cfg.Jira}); err != nil {
		t.Fatal(err)
	}
	// A week after the data ends, as a manager would look at it.
	now := time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)
	h := New(cfg, st, password, func() time.Time { return now }, nil)
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return &org{srv: srv, cfg: cfg, h: h, st: st, sim: sim, jira: jira, now: now}
}

// analysisJSON is what `roleload analyze --format json` prints for the
// team's last complete week.
func (o *org) analysisJSON(t *testing.T, team *config.Team) map[string]any {
	t.Helper()
	week := isoweek.LastComplete(o.now, team.Location)
	res, err := app.Analyze(context.Background(), o.st, o.cfg, team, app.Window{AsOf: week.Sunday(), Now: o.now, Weeks: app.ReportWeeks})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

func get(t testing.TB, url, password string) (int, string, http.Header) {
	t.Helper()
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	if password != "" {
		req.SetBasicAuth("manager", password)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b), res.Header
}

func getCSV(t *testing.T, url string) [][]string {
	t.Helper()
	code, body, hdr := get(t, url, "")
	if code != 200 || !strings.HasPrefix(hdr.Get("Content-Type"), "text/csv") {
		t.Fatalf("GET %s: %d %s", url, code, hdr.Get("Content-Type"))
	}
	rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	return rows
}

// sameNumber reports whether a CSV cell holds the JSON value (null: empty).
func sameNumber(cell string, v any) bool {
	if v == nil {
		return cell == ""
	}
	f, err := strconv.ParseFloat(cell, 64)
	return err == nil && f == v.(float64)
}

var rowRE = regexp.MustCompile(`<tr data-team="([^"]*)" data-level="([^"]*)">`)

// rows are the front page's teams, in order, with their verdict.
func rows(page string) [][2]string {
	var out [][2]string
	for _, m := range rowRE.FindAllStringSubmatch(page, -1) {
		out = append(out, [2]string{m[1], m[2]})
	}
	return out
}

func TestFrontPageShowsEveryTeamAsTheAnalysisJudgesIt(t *testing.T) {
	o := newOrg(t, "")
	code, page, hdr := get(t, o.srv.URL+"/", "")
	if code != 200 {
		t.Fatalf("GET /: %d %s", code, page)
	}
	if !strings.Contains(hdr.Get("Content-Security-Policy"), "default-src 'none'") {
		t.Errorf("no content security policy: %v", hdr)
	}
	got := map[string]string{}
	for _, r := range rows(page) {
		got[r[0]] = r[1]
	}
	if len(got) != len(o.cfg.Teams) || len(o.cfg.Teams) < 8 {
		t.Fatalf("%d rows for %d teams: %v", len(got), len(o.cfg.Teams), got)
	}
	levels := map[string]int{}
	rowsCSV := getCSV(t, o.srv.URL+"/overview.csv")
	for i := range o.cfg.Teams {
		team := &o.cfg.Teams[i]
		doc := o.analysisJSON(t, team)
		verdict := doc["verdict"].(map[string]any)
		level := verdict["level"].(string)
		levels[level]++
		escaped := strings.ReplaceAll(strings.ReplaceAll(team.Name, "<", "&lt;"), ">", "&gt;")
		if got[escaped] != level {
			t.Errorf("team %s: badge %q, analysis says %q", team.Name, got[escaped], level)
		}
		csvRow := rowsCSV[i+1]
		if csvRow[0] != team.Name || csvRow[2] != level {
			t.Errorf("overview.csv row %d: %v, want team %s level %s", i+1, csvRow[:3], team.Name, level)
		}
		for j, s := range verdict["signals"].([]any) {
			sg := s.(map[string]any)
			col := 3 + 3*j
			if rowsCSV[0][col] != sg["name"] || !sameNumber(csvRow[col], sg["value"]) || !sameNumber(csvRow[col+1], sg["threshold"]) {
				t.Errorf("team %s signal %s: csv %v, json %v", team.Name, sg["name"], csvRow[col:col+3], sg)
			}
			want := "ok"
			if sg["value"] == nil {
				want = "unknown"
			} else if sg["tripped"].(bool) {
				want = "tripped"
			}
			if csvRow[col+2] != want {
				t.Errorf("team %s signal %s: %s, want %s", team.Name, sg["name"], csvRow[col+2], want)
			}
		}
	}
	if levels["hire_po"] == 0 || levels["watch"] == 0 || levels["ok"] == 0 {
		t.Errorf("verdicts %v: the organisation should have every kind", levels)
	}
	for _, want := range []string{`<img class="spark" src="data:image/png;base64,`, `src="data:image/png;base64,`, " ago)</strong>", "Teams compared"} {
		if !strings.Contains(page, want) {
			t.Errorf("front page lacks %s", want)
		}
	}
	if strings.Contains(page, hostile) {
		t.Error("a team name's script reached the page unescaped")
	}
}

func TestFrontPageSorts(t *testing.T) {
	o := newOrg(t, "")
	order := func(sort string) []string {
		code, page, _ := get(t, o.srv.URL+"/?sort="+sort, "")
		if code != 200 {
			t.Fatalf("sort=%s: %d", sort, code)
		}
		var out []string
		for _, r := range rows(page) {
			out = append(out, r[0]+"/"+r[1])
		}
		return out
	}
	level := func(s string) string { return s[strings.LastIndex(s, "/")+1:] }
	byVerdict := order("verdict")
	rank := map[string]int{"hire_po": 0, "watch": 1, "ok": 2, "": 3}
	for i := 1; i < len(byVerdict); i++ {
		if rank[level(byVerdict[i-1])] > rank[level(byVerdict[i])] {
			t.Errorf("sorted by verdict: %v", byVerdict)
			break
		}
	}
	byName, reverse := order("team"), order("-team")
	for i := 1; i < len(byName); i++ {
		if byName[i-1] > byName[i] || byName[i-1] != reverse[len(reverse)-i] {
			t.Errorf("sorted by name %v, reversed %v", byName, reverse)
			break
		}
	}
	// Discovery: the least first (that is the bad end).
	code, page, _ := get(t, o.srv.URL+"/?sort=discovery_squeezed", "")
	if code != 200 {
		t.Fatal(code)
	}
	var last float64 = -1
	for _, m := range regexp.MustCompile(`data-signal="discovery_squeezed" title="[^"]*">[^ ]+ (\d+)%`).FindAllStringSubmatch(page, -1) {
		v, _ := strconv.ParseFloat(m[1], 64)
		if v < last {
			t.Errorf("sorted by discovery: %s after %g", m[1], last)
		}
		last = v
	}
	if last < 0 {
		t.Error("no discovery values on the page")
	}
	if code, _, _ := get(t, o.srv.URL+"/?sort=salary", ""); code != 400 {
		t.Errorf("sort=salary: %d, want 400", code)
	}
}
