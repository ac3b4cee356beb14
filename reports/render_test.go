package reports

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/roleload/roleload/analysis"
	"github.com/roleload/roleload/reports/charts"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

// stubCharts stand in for rendered charts where only their references
// matter (the golden files): rendering is tested in reports/charts.
func stubCharts() []Chart {
	var out []Chart
	for _, m := range charts.Metrics() {
		out = append(out, Chart{Name: m, Title: charts.Title(m), CID: m + "@roleload", PNG: []byte("png"), SVG: []byte("svg")})
	}
	return out
}

func goldenReport() *Report {
	r := fixedReport(false)
	r.Charts = stubCharts()
	return r
}

func TestGolden(t *testing.T) {
	r := goldenReport()
	var analyze bytes.Buffer
	if err := WriteAnalysisText(&analyze, r.Current); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		file   string
		render func() ([]byte, error)
	}{
		{"report.html.golden", func() ([]byte, error) { return RenderHTML(r, ImageFiles) }},
		{"report.md.golden", func() ([]byte, error) { return RenderMarkdown(r) }},
		{"report.json.golden", func() ([]byte, error) { return RenderJSON(r) }},
		{"report.txt.golden", func() ([]byte, error) { return []byte(RenderText(r)), nil }},
		{"analyze.txt.golden", func() ([]byte, error) { return analyze.Bytes(), nil }},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got, err := tt.render()
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", tt.file)
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./reports -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from the golden file; run with -update and review the diff", tt.file)
			}
		})
	}
}

// TestFiguresMatchJSON checks that every figure a reader sees in the HTML,
// Markdown and text is the JSON's figure, written in its unit.
func TestFiguresMatchJSON(t *testing.T) {
	r := goldenReport()
	js, err := RenderJSON(r)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(js, &doc); err != nil {
		t.Fatalf("report.json does not parse: %v", err)
	}
	want := expectedFigures(t, doc)
	if len(want) < 30 {
		t.Fatalf("found only %d figures in the JSON", len(want))
	}
	h, _ := RenderHTML(r, ImageFiles)
	md, _ := RenderMarkdown(r)
	outputs := map[string]string{
		"html":     html.UnescapeString(string(h)),
		"markdown": strings.ReplaceAll(string(md), `\`, ""),
		"text":     RenderText(r),
	}
	for name, out := range outputs {
		for _, fig := range want {
			if !strings.Contains(out, fig.text) {
				t.Errorf("%s: %s = %s is not shown", name, fig.path, fig.text)
			}
		}
	}
}

type figure struct{ path, text string }

// expectedFigures walks report.json and writes each figure the way the
// report must show it.
func expectedFigures(t *testing.T, doc map[string]any) []figure {
	t.Helper()
	var out []figure
	add := func(path string, v any, u unit) {
		if n, ok := v.(float64); ok {
			out = append(out, figure{path, fmtValue(&n, u)})
		}
	}
	ir := doc["input_requests"].(map[string]any)
	for k, v := range ir {
		switch {
		case k == "per_day": // daily counts are charted, not tabulated
		case strings.HasSuffix(k, "share"):
			add("input_requests."+k, v, share)
		case strings.HasPrefix(k, "response_hours"):
			add("input_requests."+k, v, hours)
		default:
			add("input_requests."+k, v, count)
		}
	}
	for _, pv := range doc["people"].([]any) {
		pm := pv.(map[string]any)
		for k, v := range pm["hours"].(map[string]any) {
			add("hours."+k, v, hours)
		}
		for lh, split := range pm["hours_range"].(map[string]any) {
			for k, v := range split.(map[string]any) {
				n := v.(float64)
				out = append(out, figure{"hours_range." + lh + "." + k, fmt.Sprintf("%.1f", n)})
			}
		}
		add("discovery_share", pm["discovery_share"], share)
		add("after_hours_share", pm["after_hours_share"], share)
		add("story_writing_hours_per_week", pm["story_writing_hours_per_week"], hours)
	}
	add("ready_backlog_sprints", doc["ready_backlog_sprints"], sprints)
	cov := doc["coverage"].(map[string]any)
	add("coverage.pm_active_day_share", cov["pm_active_day_share"], share)
	add("coverage.unclassified_share", cov["unclassified_share"], share)
	add("window.working_days", doc["window"].(map[string]any)["working_days"], count)
	v := doc["verdict"].(map[string]any)
	for _, sv := range v["signals"].([]any) {
		sg := sv.(map[string]any)
		u := signalUnit(sg["name"].(string))
		add("signal."+sg["name"].(string)+".value", sg["value"], u)
		add("signal."+sg["name"].(string)+".threshold", sg["threshold"], u)
	}
	for _, ev := range v["evidence"].([]any) {
		e := ev.(map[string]any)
		add("evidence."+e["issue"].(string)+".response_hours", e["response_hours"], hours)
		out = append(out, figure{"evidence.issue", e["issue"].(string)})
	}
	for k, dv := range doc["deltas"].(map[string]any)["team"].(map[string]any) {
		if n, ok := dv.(float64); ok {
			out = append(out, figure{"deltas.team." + k, fmtDelta(&n, deltaUnit(k))})
		}
	}
	return out
}

func deltaUnit(key string) unit {
	for _, list := range [][]measure{requestMeasures, backlogMeasures, coverageMeasures} {
		for _, m := range list {
			if m.key == key {
				return m.unit
			}
		}
	}
	return count
}

func TestJSONIsSpecPlusDeltas(t *testing.T) {
	r := goldenReport()
	js, err := RenderJSON(r)
	if err != nil {
		t.Fatal(err)
	}
	// Every §8.2 key of the bare Result must be there, unchanged.
	bare, _ := json.Marshal(r.Current)
	var want, got map[string]any
	json.Unmarshal(bare, &want)
	json.Unmarshal(js, &got)
	for k, v := range want {
		a, _ := json.Marshal(v)
		b, _ := json.Marshal(got[k])
		if !bytes.Equal(a, b) {
			t.Errorf("key %q changed: %s, want %s", k, b, a)
		}
	}
	d := got["deltas"].(map[string]any)["team"].(map[string]any)
	if d["total"] != 6.0 || d["daily_share"] != 0.1 {
		t.Errorf("deltas total=%v daily_share=%v, want 6 and 0.1", d["total"], d["daily_share"])
	}
	r.Previous = nil
	js, _ = RenderJSON(r)
	if !bytes.Contains(js, []byte(`"deltas": null`)) {
		t.Error("without a previous week deltas should be null")
	}
}

func TestHeadline(t *testing.T) {
	tests := []struct{ level, subject, want string }{
		{"hire_po", "pm", "Hire a product owner"},
		{"hire_po", "po", "The product owner is overloaded"},
		{"watch", "pm", "Watch: engineers need product input almost daily"},
		{"ok", "pm", "OK"},
	}
	for _, tt := range tests {
		r := current()
		r.Verdict.Level, r.Verdict.Subject = tt.level, tt.subject
		if got := Headline(r); got != tt.want {
			t.Errorf("Headline(%s, %s) = %q, want %q", tt.level, tt.subject, got, tt.want)
		}
	}
}

func TestUnreliableTimeSplitSaysSo(t *testing.T) {
	r := goldenReport()
	r.Current.Reliable = false
	r.Current.Coverage.PMActiveDayShare = 0.35
	h, _ := RenderHTML(r, ImageFiles)
	md, _ := RenderMarkdown(r)
	var a bytes.Buffer
	WriteAnalysisText(&a, r.Current)
	for name, out := range map[string]string{"html": string(h), "md": strings.ReplaceAll(string(md), `\`, ""), "text": a.String()} {
		if !strings.Contains(out, "the time split is not reliable: the PM shows Jira activity on only 35% of working days") {
			t.Errorf("%s does not say the time split is not reliable", name)
		}
	}
}

func TestWhoAnswersWhenTeamHasPO(t *testing.T) {
	r := goldenReport()
	r.Current.Verdict.Subject = "po"
	r.Current.People = append(r.Current.People, r.Current.People[0])
	r.Current.People[1].ID, r.Current.People[1].Name, r.Current.People[1].Role = "po-1", "Dana Ortiz", "po"
	r.Current.Requests = []analysis.Request{
		{IssueKey: "CHK-1", Answered: "2026-11-17T10:00:00+01:00", AnsweredBy: "Dana Ortiz"},
		{IssueKey: "CHK-2", Answered: "2026-11-17T11:00:00+01:00", AnsweredBy: "Dana Ortiz"},
		{IssueKey: "CHK-3", Answered: "2026-11-18T11:00:00+01:00", AnsweredBy: "Paula Martin"},
		{IssueKey: "CHK-4"},
	}
	h, _ := RenderHTML(r, ImageFiles)
	for _, want := range []string{"Who answers the requests", "Dana Ortiz answered 2 of 3 requests", "Paula Martin answered 1 of 3 requests", "Dana Ortiz&#39;s time (PO, Jira-visible)"} {
		if !strings.Contains(string(h), want) {
			t.Errorf("html lacks %q", want)
		}
	}
	if got := Headline(r.Current); got != "The product owner is overloaded" {
		t.Errorf("headline %q", got)
	}
}

// TestHTMLIsEmailSafe: inline styles only, no script or stylesheet, a
// 640 px layout table, every chart an <img> with size and alt text.
func TestHTMLIsEmailSafe(t *testing.T) {
	for _, mode := range []ImageMode{ImageFiles, ImageCID} {
		h, err := RenderHTML(goldenReport(), mode)
		if err != nil {
			t.Fatal(err)
		}
		low := strings.ToLower(string(h))
		for _, bad := range []string{"<script", "<style", "<link", "class=", "javascript:"} {
			if strings.Contains(low, bad) {
				t.Errorf("mode %d: html contains %q", mode, bad)
			}
		}
		if !strings.Contains(low, `width="640"`) {
			t.Errorf("mode %d: no 640 px layout table", mode)
		}
		imgs := regexp.MustCompile(`<img [^>]*>`).FindAllString(string(h), -1)
		if len(imgs) != len(charts.Metrics()) {
			t.Errorf("mode %d: %d images, want %d", mode, len(imgs), len(charts.Metrics()))
		}
		for _, img := range imgs {
			for _, attr := range []string{`width="640"`, `height="320"`, `alt="`} {
				if !strings.Contains(img, attr) {
					t.Errorf("mode %d: %s lacks %s", mode, img, attr)
				}
			}
			if mode == ImageCID && !strings.Contains(img, `src="cid:`) {
				t.Errorf("mailed image not by Content-ID: %s", img)
			}
		}
	}
}

// TestEmptyResultRenders: a team with no data yet still gets a report.
func TestEmptyResultRenders(t *testing.T) {
	r := &Report{Team: "new-team", Week: "2026-W01", Current: &analysis.Result{Team: "new-team"}}
	if _, err := RenderHTML(r, ImageCID); err != nil {
		t.Error(err)
	}
	if _, err := RenderMarkdown(r); err != nil {
		t.Error(err)
	}
	if _, err := RenderJSON(r); err != nil {
		t.Error(err)
	}
	if RenderText(r) == "" {
		t.Error("empty text")
	}
	var b bytes.Buffer
	if err := WriteAnalysisText(&b, r.Current); err != nil || !strings.Contains(b.String(), "NO VERDICT") {
		t.Errorf("analysis text %q, %v", b.String(), err)
	}
	if _, err := RenderHTML(&Report{}, ImageFiles); err == nil {
		t.Error("a report without analysis must be refused")
	}
}

// TestFewRequestsCaveat: a median of one or two answers is not how fast
// product answers; the report must say so next to the figures.
func TestFewRequestsCaveat(t *testing.T) {
	r := fixedReport(false)
	r.Current.InputRequests.Total = 3
	r.Current.Requests = []analysis.Request{
		{IssueKey: "CHK-1", ResponseHours: p(30)},
		{IssueKey: "CHK-2", ResponseHours: p(2)},
		{IssueKey: "CHK-3"},
	}
	h, err := RenderHTML(r, ImageFiles)
	if err != nil {
		t.Fatal(err)
	}
	md, err := RenderMarkdown(r)
	if err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string]string{"text": RenderText(r), "html": string(h), "markdown": string(md)} {
		if !strings.Contains(out, "Only 2 answered request(s)") {
			t.Errorf("%s: no caveat on answer times from 2 answers", name)
		}
	}
	if txt := RenderText(fixedReport(false)); strings.Contains(txt, "answered request(s)") {
		t.Errorf("caveat shown with 47 requests")
	}
}

// TestCoverageNamesThePO: with a PO the coverage is the PO's (SPEC §6.6);
// the report must not say the PM was barely active in Jira.
func TestCoverageNamesThePO(t *testing.T) {
	r := fixedReport(false)
	r.Current.Verdict.Subject = "po"
	r.Current.Reliable = false
	r.Current.Coverage = analysis.Coverage{PMActiveDayShare: 0.2, UnclassifiedShare: 0.4, ChangelogsComplete: true}
	txt := RenderText(r)
	for _, want := range []string{"the PO shows Jira activity on only 20%", "40% of the PO's events", "PO's working days with Jira activity"} {
		if !strings.Contains(txt, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	if strings.Contains(txt, "the PM shows") || strings.Contains(txt, "PM's working days") {
		t.Errorf("text attributes the PO's coverage to the PM:\n%s", txt)
	}
}

// TestPMSplitJudgedOnOwnCoverage: the team has a PO who is in Jira every
// day (so the result is reliable) and a PM seen on 10% of days; the PM's
// hours and the PM time-split chart must not be presented as fact.
func TestPMSplitJudgedOnOwnCoverage(t *testing.T) {
	r := fixedReport(false)
	cur := r.Current
	cur.Verdict.Subject = "po"
	cur.People[0].Coverage = &analysis.Coverage{PMActiveDayShare: 0.1, ChangelogsComplete: true}
	po := cur.People[0]
	po.ID, po.Name, po.Role = "po-1", "Otto Owner", "po"
	po.Coverage = &analysis.Coverage{PMActiveDayShare: 0.9, ChangelogsComplete: true}
	cur.People = append(cur.People, po)
	txt := RenderText(r)
	if !strings.Contains(txt, "Paula Martin's time (PM, Jira-visible): not reliable") ||
		!strings.Contains(txt, "the PM shows Jira activity on only 10%") {
		t.Errorf("the PM's split is presented as fact:\n%s", txt)
	}
	if strings.Contains(txt, "Otto Owner's time (PO, Jira-visible): not reliable") {
		t.Errorf("the PO's split is marked unreliable")
	}
	svg, err := charts.Render("time-split", cur.Weekly, cur, charts.SVG)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(svg, []byte("NOT RELIABLE")) {
		t.Errorf("the PM time-split chart carries no caveat")
	}
}
