package analysis

import (
	"strings"
	"testing"
)

// FuzzHasQuestion: comment bodies are untrusted text; scanning must never
// panic, and a body without '?' never holds a question.
func FuzzHasQuestion(f *testing.F) {
	for _, s := range []string{"why?", "{code}?{code}", "```\n?", "`?", "http://a?b", "{quote}", "bq. ?", "{code"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		if hasQuestion(body) && !strings.Contains(body, "?") {
			t.Errorf("question found in %q", body)
		}
	})
}
