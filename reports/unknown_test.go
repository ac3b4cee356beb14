package reports

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/roleload/roleload/analysis"
	"github.com/roleload/roleload/analysis/signal"
	"github.com/roleload/roleload/internal/smallteam"
	"github.com/roleload/roleload/model"
)

// unknownActivity is internal/smallteam's activity, on which every
// signal can be judged, with its team. Each case of TestUnknownSignals
// takes one of its sources away.
func unknownActivity() (*model.Activity, analysis.Team) {
	team := specTeam("checkout")
	team.ProductManagers, team.DeliveryProjects, team.Discovery.Projects = []string{"Priya Shah"}, []string{"ABC"}, []string{"DISC"}
	return smallteam.Activity(), team
}

func TestUnknownSignals(t *testing.T) {
	tests := []struct {
		name    string
		change  func(act *model.Activity, team *analysis.Team, in *analysis.Input)
		unknown []signal.Name
		why     string // in every unknown signal's why, as in the JSON
	}{
		{"everything visible", func(*model.Activity, *analysis.Team, *analysis.Input) {}, nil, ""},
		{"no discovery issue, no calendar", func(act *model.Activity, team *analysis.Team, _ *analysis.Input) {
			act.Issues = act.Issues[1:]
		}, []signal.Name{signal.DiscoverySqueezed}, "no discovery is visible for Priya Shah"},
		{"an explicitly empty discovery list means none, not the defaults", func(act *model.Activity, team *analysis.Team, _ *analysis.Input) {
			act.Issues[0].ProjectKey, act.Issues[0].Key = "ABC", "ABC-9" // an Idea, a default discovery type
			team.Discovery = analysis.Discovery{Projects: []string{}, IssueTypes: []string{}, Labels: []string{}}
		}, []signal.Name{signal.DiscoverySqueezed}, "Add `calendars:` or `teams[].discovery`."},
		{"a loaded calendar is a discovery source", func(act *model.Activity, _ *analysis.Team, in *analysis.Input) {
			act.Issues = act.Issues[1:]
			in.Calendars = []analysis.Calendar{{Person: "priya@example.com"}}
		}, nil, ""},
		{"no request answered", func(act *model.Activity, _ *analysis.Team, _ *analysis.Input) {
			act.Comments["2"] = act.Comments["2"][:1]
		}, []signal.Name{signal.SlowAnswers}, "no input request was answered in the window"},
		{"no ready status in the data", func(act *model.Activity, _ *analysis.Team, _ *analysis.Input) {
			act.Issues[1].Status = "To Do"
		}, []signal.Name{signal.ThinBacklog}, "none of the team's ready statuses (Ready for Dev, Selected for Development) occurs in the data"},
		{"the PM had no activity in the window", func(act *model.Activity, _ *analysis.Team, _ *analysis.Input) {
			act.Issues[1].Created = time.Date(2026, 10, 1, 10, 0, 0, 0, time.UTC)
			act.Comments["2"] = act.Comments["2"][:1]
		}, []signal.Name{signal.SlowAnswers, signal.POWorkHeavy, signal.AfterHours}, ""},
		{"the PM's calendar shows activity", func(act *model.Activity, _ *analysis.Team, in *analysis.Input) {
			act.Issues[1].Created = time.Date(2026, 10, 1, 10, 0, 0, 0, time.UTC)
			act.Comments["2"] = act.Comments["2"][:1]
			in.Calendars = []analysis.Calendar{{Person: "Priya Shah", Occurrences: []analysis.CalendarOccurrence{{
				Start: time.Date(2026, 11, 10, 10, 0, 0, 0, time.UTC), End: time.Date(2026, 11, 10, 11, 0, 0, 0, time.UTC), Category: "other"}}}}
		}, []signal.Name{signal.SlowAnswers}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			act, team := unknownActivity()
			in := specInput(team, time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC))
			tc.change(act, &in.Team, &in)
			in.Activity = act
			res, err := analysis.Analyze(in)
			if err != nil {
				t.Fatal(err)
			}
			rep := &Report{Team: "checkout", Week: "2026-W48", Current: res}
			js, err := RenderJSON(rep)
			if err != nil {
				t.Fatal(err)
			}
			var doc struct {
				Verdict struct {
					Signals []map[string]any `json:"signals"`
				} `json:"verdict"`
			}
			if err := json.Unmarshal(js, &doc); err != nil {
				t.Fatal(err)
			}
			html, err := RenderHTML(rep, ImageFiles)
			if err != nil {
				t.Fatal(err)
			}
			md, err := RenderMarkdown(rep)
			if err != nil {
				t.Fatal(err)
			}
			text := RenderText(rep)
			var got []signal.Name
			for _, s := range doc.Verdict.Signals {
				name := signal.Name(s["name"].(string))
				d, _ := signal.Lookup(string(name))
				if s["known"] == true {
					if s["why"] != nil {
						t.Errorf("%s: known, with a why %v", name, s["why"])
					}
					continue
				}
				got = append(got, name)
				why, _ := s["why"].(string)
				if s["tripped"] != false || s["value"] != nil || why == "" || strings.ContainsAny(why, "\n\r") {
					t.Errorf("%s: unknown as %v: want tripped false, value null and a one-line why", name, s)
				}
				if !strings.Contains(why, tc.why) {
					t.Errorf("%s: why %q lacks %q", name, why, tc.why)
				}
				line := d.Label + ": unknown — "
				if !strings.Contains(text, line+why) {
					t.Errorf("text lacks %q:\n%s", line+why, text)
				}
				if !strings.Contains(string(html), line) {
					t.Errorf("HTML lacks %q", line)
				}
				if !strings.Contains(string(md), "- "+line) {
					t.Errorf("Markdown lacks %q", line)
				}
			}
			if strings.Join(names(got), ",") != strings.Join(names(tc.unknown), ",") {
				t.Errorf("unknown signals %v, want %v", got, tc.unknown)
			}
			if n := len(tc.unknown); n > 0 && !strings.Contains(text, " signals could not be judged") {
				t.Errorf("text does not say how many signals could not be judged:\n%s", text)
			}
			if len(tc.unknown) == 0 && strings.Contains(text, "could not be judged") {
				t.Errorf("text says signals could not be judged when all were")
			}
		})
	}
}

func names(ns []signal.Name) []string {
	var out []string
	for _, n := range ns {
		out = append(out, string(n))
	}
	return out
}
