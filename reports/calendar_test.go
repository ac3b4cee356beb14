package reports

import (
	"strings"
	"testing"
	"time"

	"github.com/roleload/roleload/analysis"
)

// TestReportShowsHourSources: a PM with a calendar gets rows saying where
// the hours were seen and the meeting time, in text, HTML and Markdown; a
// Jira-only PM does not.
func TestReportShowsHourSources(t *testing.T) {
	at := func(d, h int) time.Time { return time.Date(2026, 11, d, h, 0, 0, 0, time.UTC) }
	tests := []struct {
		name      string
		calendars []analysis.Calendar
		want      []string
		absent    []string
	}{
		{"Jira only", nil, []string{"Priya Shah's time (PM, Jira-visible)"}, []string{"Seen in calendars", "Meetings"}},
		{"with a calendar", []analysis.Calendar{{Person: "Priya Shah", Occurrences: []analysis.CalendarOccurrence{
			{Start: at(24, 10), End: at(24, 12), Category: "discovery", Title: "Customer interview"},
			{Start: at(25, 10), End: at(25, 11), Category: "story_writing", Title: "Refinement"},
			{Start: at(26, 10), End: at(26, 11), Category: "other", Title: "1:1"},
		}}}, []string{"Priya Shah's time (PM, Jira and calendar)", "Seen in Jira", "Seen in calendars (discovery, story writing)", "3.0 h",
			"Meetings (calendar, outside the split)", "1.0 h", "with the calendar part added to both ends"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			act, team := unknownActivity()
			in := specInput(team, at(27, 12))
			in.Activity, in.Calendars = act, tc.calendars
			res, err := analysis.Analyze(in)
			if err != nil {
				t.Fatal(err)
			}
			rep := &Report{Team: "checkout", Week: "2026-W48", Current: res}
			html, err := RenderHTML(rep, ImageFiles)
			if err != nil {
				t.Fatal(err)
			}
			md, err := RenderMarkdown(rep)
			if err != nil {
				t.Fatal(err)
			}
			for format, out := range map[string]string{"text": RenderText(rep), "HTML": string(html), "Markdown": string(md)} {
				out = strings.ReplaceAll(strings.ReplaceAll(out, "&#39;", "'"), `\`, "") // HTML and Markdown escapes
				for _, s := range tc.want {
					if !strings.Contains(out, s) {
						t.Errorf("%s lacks %q", format, s)
					}
				}
				for _, s := range tc.absent {
					if strings.Contains(out, s) {
						t.Errorf("%s shows %q for a Jira-only PM", format, s)
					}
				}
			}
		})
	}
}
