package reports

import (
	"slices"
	"testing"
)

// TestReasonsWithoutVerdictSentences: a result that carries no sentences
// (not made by analysis.Analyze) gets the signal table's sentence of each
// tripped signal, the same words the analysis writes.
func TestReasonsWithoutVerdictSentences(t *testing.T) {
	r := current()
	r.Verdict.Reasons = nil
	got := reasons(r)
	want := []string{
		"Engineering asked for product input on 18 of 20 working days (6 engineers asked).",
		"Half of the answered requests waited 9.5 working hours or longer for an answer.",
		"4 input requests have waited more than 16 working hours without an answer.",
		"In Jira alone, the PM (Paula Martin) spent about 14.6 hours a week writing and refining stories (a lower bound).",
		"Discovery got only 14% of the product time the PM (Paula Martin) spent in Jira.",
		"27% of the Jira activity of the PM (Paula Martin) fell outside working hours.",
		"The ready backlog holds only 0.6 sprints of work.",
	}
	if !slices.Equal(got, want) {
		t.Errorf("reasons\n%q\nwant\n%q", got, want)
	}
	r.Verdict.Signals = nil
	if got := reasons(r); !slices.Equal(got, []string{"No warning signal tripped."}) {
		t.Errorf("no signal tripped: %q", got)
	}
}
