package dashboard

import (
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/roleload/roleload/analysis"
	"github.com/roleload/roleload/app"
	"github.com/roleload/roleload/config"
	"github.com/roleload/roleload/internal/isoweek"
	"github.com/roleload/roleload/reports/charts"
)

func isSVG(b string) bool {
	d := xml.NewDecoder(strings.NewReader(b))
	for {
		if _, err := d.Token(); err == io.EOF {
			return strings.Contains(b, "<svg")
		} else if err != nil {
			return false
		}
	}
}

func (o *org) team(t *testing.T, name string) *config.Team {
	t.Helper()
	team, ok := o.cfg.Team(name)
	if !ok {
		t.Fatalf("no team %s", name)
	}
	return team
}

func (o *org) result(t *testing.T, team *config.Team) *analysis.Result {
	t.Helper()
	week := isoweek.LastComplete(o.now, team.Location)
	res, err := app.Analyze(context.Background(), o.st, o.cfg, team, app.Window{AsOf: week.Sunday(), Now: o.now, Weeks: app.ReportWeeks})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestTeamPageAndItsDownloads(t *testing.T) {
	o := newOrg(t, "")
	team := o.team(t, "checkout")
	base := o.srv.URL + "/team/checkout"
	code, page, _ := get(t, base, "")
	if code != 200 {
		t.Fatalf("GET %s: %d %s", base, code, page)
	}
	for _, want := range []string{"Hire a product owner", `name="week"`, `<option value="4" selected>`, "<strong>checkout</strong>", `class="person"`} {
		if !strings.Contains(page, want) {
			t.Errorf("team page lacks %s", want)
		}
	}
	if n := strings.Count(page, `src="data:image/png`); n != 6 || strings.Count(page, "<body") != 1 {
		t.Errorf("%d charts, %d bodies on the page, want 6 and 1", n, strings.Count(page, "<body"))
	}
	doc := o.analysisJSON(t, team)

	sig := getCSV(t, base+"/csv/signals.csv")
	js := doc["verdict"].(map[string]any)["signals"].([]any)
	if len(sig) != len(js)+1 {
		t.Fatalf("signals.csv has %d rows for %d signals", len(sig)-1, len(js))
	}
	for i, s := range js {
		s := s.(map[string]any)
		if r := sig[i+1]; r[0] != s["name"] || !sameNumber(r[1], s["value"]) || !sameNumber(r[2], s["threshold"]) || r[3] != strconv.FormatBool(s["tripped"].(bool)) {
			t.Errorf("signals.csv %v, json %v", r, s)
		}
	}
	people := getCSV(t, base+"/csv/people.csv")
	for i, p := range doc["people"].([]any) {
		p := p.(map[string]any)
		hours := p["hours"].(map[string]any)
		r := people[i+1]
		for j, k := range []string{"story_writing", "discovery", "other", "authoring", "refinement", "answering"} {
			if !sameNumber(r[3+j], hours[k]) {
				t.Errorf("people.csv %s %s = %s, json %v", r[1], k, r[3+j], hours[k])
			}
		}
		if r[0] != p["id"] || !sameNumber(r[9], p["discovery_share"]) || !sameNumber(r[11], p["story_writing_hours_per_week"]) {
			t.Errorf("people.csv %v, json %v", r, p)
		}
	}
	reqs := getCSV(t, base+"/csv/requests.csv")
	ir := doc["input_requests"].(map[string]any)
	if float64(len(reqs)-1) != ir["total"].(float64) {
		t.Errorf("requests.csv has %d requests, json total %v", len(reqs)-1, ir["total"])
	}
	res := o.result(t, team)
	for i, q := range res.Requests {
		if r := reqs[i+1]; r[0] != q.IssueKey || r[7] != num(q.ResponseHours) {
			t.Errorf("requests.csv %v, analysis %+v", r, q)
		}
	}
	weekly := getCSV(t, base+"/csv/weekly.csv")
	if len(weekly) != app.ChartWeeks+1 || weekly[len(weekly)-1][0] != isoweek.LastComplete(o.now, team.Location).String() {
		t.Errorf("weekly.csv: %d rows, last %v", len(weekly)-1, weekly[len(weekly)-1])
	}

	// Each chart is the one `roleload chart` draws of the same analysis.
	week := isoweek.LastComplete(o.now, team.Location)
	for _, metric := range charts.Metrics() {
		for _, f := range []charts.Format{charts.PNG, charts.SVG} {
			want, err := app.Chart(context.Background(), o.st, o.cfg, team, metric, week.Sunday(), o.now, app.ChartWeeks, f)
			if err != nil {
				t.Fatal(err)
			}
			code, body, hdr := get(t, base+"/chart/"+metric+"."+f.Ext(), "")
			if code != 200 || !bytes.Equal([]byte(body), want) || !strings.Contains(hdr.Get("Content-Disposition"), "attachment") {
				t.Errorf("chart %s.%s: %d, %d bytes, want the %d of roleload chart", metric, f.Ext(), code, len(body), len(want))
			}
		}
	}
	for _, path := range []string{"/compare/teams", "/team/checkout/spark/daily-inputs", "/team/checkout/spark/discovery"} {
		code, png, _ := get(t, o.srv.URL+path+".png", "")
		if code != 200 || !strings.HasPrefix(png, "\x89PNG") {
			t.Errorf("%s.png: %d, not a PNG", path, code)
		}
		code, svg, hdr := get(t, o.srv.URL+path+".svg", "")
		if code != 200 || !isSVG(svg) || hdr.Get("Content-Type") != "image/svg+xml" {
			t.Errorf("%s.svg: %d %s, not an SVG", path, code, hdr.Get("Content-Type"))
		}
	}
	// Another window is computed on request, with its own figures, once
	// until the next collect.
	built := o.h.built.Load()
	code, page12, _ := get(t, base+"?weeks=12", "")
	if code != 200 || !strings.Contains(page12, `<option value="12" selected>`) || !strings.Contains(page12, "/csv/signals.csv?week=") {
		t.Errorf("12-week page: %d, without its window in the picker and links", code)
	}
	get(t, base+"/csv/signals.csv?weeks=12", "")
	if n := o.h.built.Load() - built; n != 1 {
		t.Errorf("a 12-week page and its CSV built %d analyses, want 1", n)
	}

	for _, tc := range []struct {
		path string
		code int
	}{
		{"/team/nobody", 404},
		{"/team/checkout?weeks=0", 400},
		{"/team/checkout?week=last", 400},
		{"/team/checkout?weeks=3", 400},       // not a window the picker offers
		{"/team/checkout?week=1999-W10", 400}, // before any Jira
		{"/team/checkout?week=2099-W10", 400}, // the future
		{"/team/checkout?week=2025-W10", 422}, // no data then
		{"/team/checkout/person/nobody", 404},
		{"/team/checkout/chart/time-split.gif", 404},
		{"/team/checkout/chart/salaries.png", 404},
		{"/team/checkout/csv/salaries.csv", 404},
		{"/team/checkout/spark/salaries.png", 404},
		{"/compare/teams.gif", 404},
	} {
		code, body, _ := get(t, o.srv.URL+tc.path, "")
		if code != tc.code {
			t.Errorf("GET %s: %d (%.80s), want %d", tc.path, code, body, tc.code)
		}
		if strings.Contains(body, o.cfg.Store.Path) || strings.Contains(body, "SELECT") {
			t.Errorf("GET %s: the error page shows internals: %s", tc.path, body)
		}
	}
}

func TestPersonPage(t *testing.T) {
	o := newOrg(t, "")
	team := o.team(t, "checkout")
	res := o.result(t, team)
	pm := &res.People[0]
	base := o.srv.URL + "/team/checkout/person/" + pm.ID
	code, page, _ := get(t, base, "")
	if code != 200 {
		t.Fatalf("GET %s: %d %s", base, code, page)
	}
	for _, want := range []string{`id="timeline" src="data:image/png;base64,`, pm.Name, "Requests for input"} {
		if !strings.Contains(page, want) {
			t.Errorf("person page lacks %s", want)
		}
	}
	if code, png, _ := get(t, base+"/timeline.png", ""); code != 200 || !strings.HasPrefix(png, "\x89PNG") {
		t.Errorf("timeline.png: %d", code)
	}
	if code, svg, _ := get(t, base+"/timeline.svg", ""); code != 200 || !isSVG(svg) {
		t.Errorf("timeline.svg: %d", code)
	}
	want := personRequests(res, pm)
	reqs := getCSV(t, base+"/requests.csv")
	if len(reqs)-1 != len(want) || len(want) == 0 {
		t.Fatalf("requests.csv: %d requests, the analysis has %d the PM answered or left open", len(reqs)-1, len(want))
	}
	answered := 0
	for i, q := range want {
		r := reqs[i+1]
		if r[0] != q.IssueKey || r[4] != q.Opened || r[7] != num(q.ResponseHours) {
			t.Errorf("requests.csv %v, analysis %+v", r, q)
		}
		if q.ResponseHours != nil {
			answered++
			if !strings.Contains(page, ">"+strconv.FormatFloat(*q.ResponseHours, 'f', 1, 64)+" h<") {
				t.Errorf("the page does not show how long %s waited (%.1f h)", q.IssueKey, *q.ResponseHours)
			}
		}
	}
	if !strings.Contains(page, strconv.Itoa(answered)+" answered") {
		t.Errorf("the page does not count %d answered requests", answered)
	}
	days := getCSV(t, base+"/days.csv")
	if len(days)-1 != 28 || days[1][0] != res.Window.From || days[len(days)-1][0] != res.Window.To {
		t.Errorf("days.csv: %d days from %v, want the window's 28 from %s", len(days)-1, days[1], res.Window.From)
	}
}

// The person page's days: blocks in the team's zone, split at midnight,
// after-hours counted outside working hours and on days off.
func TestPersonDays(t *testing.T) {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	team := &config.Team{Location: loc, DayStart: 9 * time.Hour, DayEnd: 17 * time.Hour, Holiday: map[string]bool{}}
	for d := time.Monday; d <= time.Friday; d++ {
		team.Weekdays[d] = true
	}
	at := func(day, h, m int) time.Time { return time.Date(2026, 11, day, h, m, 0, 0, loc) }
	res := &analysis.Result{Window: analysis.Window{From: "2026-11-23", To: "2026-11-29"}, Timeline: []analysis.TimelineBlock{
		{PersonID: "pm", Start: at(23, 8, 30), End: at(23, 9, 30), Category: "story_writing", Source: "jira", Issues: []string{"CHK-1"}},
		{PersonID: "pm", Start: at(24, 23, 30), End: at(25, 0, 45), Category: "discovery", Source: "jira", Issues: []string{"DISC-2"}},
		{PersonID: "pm", Start: at(25, 10, 0), End: at(25, 11, 0), Category: "other", Source: "calendar"},
		{PersonID: "pm", Start: at(29, 20, 0), End: at(29, 20, 40), Category: "story_writing", Source: "jira", Issues: []string{"CHK-1", "CHK-3"}},
		{PersonID: "po", Start: at(23, 10, 0), End: at(23, 11, 0), Category: "story_writing", Source: "jira"},
	}}
	days := personDays(res, "pm", team)
	if len(days) != 7 {
		t.Fatalf("%d days, want 7", len(days))
	}
	for _, tc := range []struct {
		day                      int
		story, disc, meet, after int
		issues                   string
	}{
		{0, 60, 0, 0, 30, "CHK-1"},
		{1, 0, 30, 0, 30, "DISC-2"},
		{2, 0, 45, 60, 45, "DISC-2"}, // meetings are not after-hours work here
		{6, 40, 0, 0, 40, "CHK-1 CHK-3"},
	} {
		d := days[tc.day]
		if d.Minutes["story_writing"] != tc.story || d.Minutes["discovery"] != tc.disc || d.Minutes["meeting"] != tc.meet || d.After != tc.after || strings.Join(d.Issues, " ") != tc.issues {
			t.Errorf("%s: %v after %d issues %v, want story %d discovery %d meeting %d after %d issues %s",
				d.Date.Format("Mon 02"), d.Minutes, d.After, d.Issues, tc.story, tc.disc, tc.meet, tc.after, tc.issues)
		}
	}
	if days[5].Working || !days[4].Working {
		t.Error("Saturday counted as a working day, or Friday not")
	}
}

func TestPasswordAndHost(t *testing.T) {
	o := newOrg(t, "s3cret")
	if code, _, hdr := get(t, o.srv.URL+"/", ""); code != 401 || hdr.Get("WWW-Authenticate") == "" {
		t.Errorf("without password: %d, want 401 with a challenge", code)
	}
	if code, _, _ := get(t, o.srv.URL+"/overview.csv", "wrong"); code != 401 {
		t.Errorf("wrong password: %d, want 401", code)
	}
	if code, _, _ := get(t, o.srv.URL+"/", "s3cret"); code != 200 {
		t.Errorf("right password: %d, want 200", code)
	}
	for _, tc := range []struct {
		addr, password string
		ok             bool
	}{
		{"127.0.0.1:8080", "", true},
		{"localhost:8080", "", true},
		{"[::1]:8080", "", true},
		{"0.0.0.0:8080", "", false},
		{":8080", "", false},
		{"0.0.0.0:8080", "s3cret", true},
	} {
		if err := CheckAddr(tc.addr, tc.password); (err == nil) != tc.ok {
			t.Errorf("CheckAddr(%q, %q) = %v, want ok %v", tc.addr, tc.password, err, tc.ok)
		}
	}
	// DNS rebinding: a page elsewhere whose name resolves to 127.0.0.1.
	open := newOrgHandler(t, o)
	req, _ := http.NewRequest("GET", open.URL+"/", nil)
	req.Host = "attacker.example:80"
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusMisdirectedRequest {
		t.Errorf("Host attacker.example: %d, want 421", res.StatusCode)
	}
}
