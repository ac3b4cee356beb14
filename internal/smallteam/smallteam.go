// Package smallteam is the smallest activity on which every signal of
// SPEC §6.6 can be judged, for the tests of unknown signals (analysis
// tests the rule, reports how it is shown): a discovery issue (DISC-1, an
// Idea), a story in a ready status (ABC-1, created by the PM), and an
// input request on it, an engineer's comment mentioning the PM that the
// PM answers, all in November 2026 (UTC). The PM is Priya Shah (ID pm,
// priya@example.com); e1 and e2 are engineers. Each test takes one of
// these away to make a signal unknown.
package smallteam

import (
	"time"

	"github.com/roleload/roleload/model"
)

// Activity returns a new copy of the small team's activity.
func Activity() *model.Activity {
	at := func(s string) time.Time {
		t, err := time.Parse("2006-01-02 15:04", s)
		if err != nil {
			panic(err)
		}
		return t
	}
	return &model.Activity{
		People: []model.Person{
			{ID: "pm", DisplayName: "Priya Shah", Email: "priya@example.com"},
			{ID: "e1", DisplayName: "Erin Eng"}, {ID: "e2", DisplayName: "Ed Eng"},
		},
		Issues: []model.Issue{
			{ID: "1", Key: "DISC-1", ProjectKey: "DISC", Type: "Idea", Status: "Open", CreatorID: "pm", Created: at("2026-10-01 10:00")},
			{ID: "2", Key: "ABC-1", ProjectKey: "ABC", Type: "Story", Status: "Ready for Dev", CreatorID: "pm", ReporterID: "pm", Created: at("2026-11-02 10:00")},
		},
		Histories: map[string][]model.History{},
		Comments: map[string][]model.Comment{"2": {
			{ID: "c1", IssueID: "2", AuthorID: "e1", Created: at("2026-11-03 10:00"), Body: "which copy?", Mentions: []string{"pm"}},
			{ID: "c2", IssueID: "2", AuthorID: "pm", Created: at("2026-11-03 11:00"), Body: "this one"},
		}},
		Worklogs:           map[string][]model.Worklog{},
		ChangelogsComplete: true,
	}
}
