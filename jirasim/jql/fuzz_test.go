package jql_test

import (
	"testing"
	"time"

	"github.com/roleload/roleload/jirasim/jql"
)

// issue is a fixed set of fields to evaluate queries against.
type issue struct {
	id, key, project string
	created, updated time.Time
}

func (i *issue) IssueID() string         { return i.id }
func (i *issue) IssueKey() string        { return i.key }
func (i *issue) IssueProject() string    { return i.project }
func (i *issue) IssueCreated() time.Time { return i.created }
func (i *issue) IssueUpdated() time.Time { return i.updated }

var tEnd = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

func FuzzParseJQL(f *testing.F) {
	for _, s := range []string{"project in (A, B) AND updated >= \"2026/11/02 10:21\" ORDER BY created ASC",
		"key = AB2_X-17", "(a = b", "'x", "NOT NOT id > 3 or id < 2", "updated >= -4w 2d", "!", "project = \"a\\\"b\""} {
		f.Add(s)
	}
	loc, _ := time.LoadLocation("America/New_York")
	env := &jql.Env{Loc: loc, Now: tEnd, Projects: map[string]string{"A": "A"}, KeyToID: func(string) (string, bool) { return "1", true }}
	f.Fuzz(func(t *testing.T, q string) {
		parsed, err := jql.Parse(q)
		if err != nil {
			if _, ok := err.(*jql.Error); !ok {
				t.Fatalf("parse %q: error %T is not a *jql.Error", q, err)
			}
			return
		}
		if m, err := parsed.Compile(env); err == nil {
			m(&issue{id: "1", key: "A-1", project: "A"})
		}
	})
}
