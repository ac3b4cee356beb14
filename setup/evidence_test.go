package setup

import (
	"slices"
	"testing"
)

func TestGuessStatuses(t *testing.T) {
	sts := []Status{
		{"To Do", "new"}, {"Needs Info", "indeterminate"}, {"Blocked by Product", "indeterminate"}, {"Waiting for customer", "indeterminate"},
		{"Ready for Dev", "new"}, {"Selected for Development", "new"}, {"In Progress", "indeterminate"}, {"Done", "done"},
		{"Ready", "new"}, {"Already Released", "done"}, {"Blocked", "indeterminate"},
	}
	waiting, ready := GuessStatuses(sts)
	if want := []string{"Needs Info", "Blocked by Product", "Waiting for customer"}; !slices.Equal(waiting, want) {
		t.Errorf("waiting = %q, want %q", waiting, want)
	}
	if want := []string{"Ready for Dev", "Selected for Development", "Ready"}; !slices.Equal(ready, want) {
		t.Errorf("ready = %q, want %q", ready, want)
	}
}

func TestCommentIsOneLine(t *testing.T) {
	for _, s := range []string{"Mara\nKlein", "a\r\n# b", "x\u2028y"} {
		if c := comment(s); slices.ContainsFunc([]rune(c), func(r rune) bool { return r == '\n' || r == '\r' || r == '\u2028' }) {
			t.Errorf("comment(%q) = %q keeps a line break", s, c)
		}
	}
}
