package jql_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/roleload/roleload/jirasim/jql"
)

// testIssues are evaluated in New York, where DST ends on 2026-11-01 at
// 02:00 EDT (06:00Z). ABC-1 was moved from OLD-3.
func testIssues() []*issue {
	at := func(s string) time.Time {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			panic(err)
		}
		return t
	}
	return []*issue{
		{"10001", "ABC-1", "ABC", at("2026-10-31T03:59:00Z"), at("2026-11-01T05:30:00Z")}, // updated Nov 1 01:30 EDT
		{"10002", "ABC-2", "ABC", at("2026-10-31T04:00:00Z"), at("2026-11-01T06:30:00Z")}, // updated Nov 1 01:30 EST
		{"10010", "ABC-10", "ABC", at("2026-11-02T15:21:30Z"), at("2026-11-02T15:21:30Z")},
		{"9999", "AB2_X-7", "AB2_X", at("2026-11-02T05:00:00Z"), at("2026-11-02T05:00:00Z")},
	}
}

func testEnv() *jql.Env {
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		panic(err)
	}
	ids := map[string]string{"ABC-1": "10001", "ABC-2": "10002", "ABC-10": "10010", "AB2_X-7": "9999", "OLD-3": "10001"}
	return &jql.Env{Loc: loc, Now: time.Date(2026, 11, 3, 0, 0, 0, 0, time.UTC),
		Projects: map[string]string{"ABC": "ABC", "ALPHA": "ABC", "10000": "ABC", "AB2_X": "AB2_X"},
		KeyToID: func(k string) (string, bool) {
			id, ok := ids[k]
			return id, ok
		}}
}

// run parses, compiles, filters and sorts the test issues: their keys.
func run(t *testing.T, q string) string {
	t.Helper()
	parsed, err := jql.Parse(q)
	if err != nil {
		t.Fatalf("Parse(%q): %v", q, err)
	}
	m, err := parsed.Compile(testEnv())
	if err != nil {
		t.Fatalf("Compile(%q): %v", q, err)
	}
	var res []*issue
	for _, is := range testIssues() {
		if m(is) {
			res = append(res, is)
		}
	}
	jql.Sort(parsed, res)
	keys := make([]string, len(res))
	for i, is := range res {
		keys[i] = is.key
	}
	return strings.Join(keys, " ")
}

func TestQuery(t *testing.T) {
	tests := []struct {
		q, want string // keys in result order
	}{
		{"", "AB2_X-7 ABC-1 ABC-2 ABC-10"}, // no ORDER BY: by id, numerically
		{"project = alpha", "ABC-1 ABC-2 ABC-10"},
		{"project in (10000) AND NOT key = ABC-2", "ABC-1 ABC-10"},
		{"project != ABC OR id > 10002 ORDER BY key", "AB2_X-7 ABC-10"},
		{"key = OLD-3", "ABC-1"}, // an old key resolves to the moved issue
		{"issuekey in (ABC-2, AB2_X-7) ORDER BY key DESC", "ABC-2 AB2_X-7"},
		{"ORDER BY key", "AB2_X-7 ABC-1 ABC-2 ABC-10"}, // by project, then number
		{"ORDER BY created DESC", "ABC-10 AB2_X-7 ABC-2 ABC-1"},
		{"id <= 10001 ORDER BY id DESC", "ABC-1 AB2_X-7"},
		// Dates are read in the API user's zone at minute resolution; the
		// ambiguous 01:30 on the DST day is the first one (EDT).
		{`updated = "2026/11/01 01:30"`, "ABC-1"},
		{`updated >= "2026-11-01" AND updated < "2026-11-02"`, "ABC-1 ABC-2"},
		{`created < "2026/10/31"`, "ABC-1"},
		{`updated > "2026/11/02 10:21"`, "ABC-10"}, // 10:21:30 is after 10:21
		{`updated >= -1d`, "AB2_X-7 ABC-10"},       // now is Nov 3 00:00Z
		{`updated >= "-4w 2d" ORDER BY updated DESC`, "ABC-10 AB2_X-7 ABC-2 ABC-1"},
	}
	for _, tc := range tests {
		t.Run(tc.q, func(t *testing.T) {
			if got := run(t, tc.q); got != tc.want {
				t.Errorf("%s\n got  %q\n want %q", tc.q, got, tc.want)
			}
		})
	}
}

func TestErrors(t *testing.T) {
	tests := []struct{ q, want string }{
		{"project = NOPE", "The value 'NOPE' does not exist for the field 'project'."},
		{"status = Done", "Field 'status' does not exist or you do not have permission to view it."},
		{`updated >= "2026/13/01"`, "Date value '2026/13/01' for field 'updated' is invalid."},
		{"project = ABC key = ABC-1", "Expecting either 'OR' or 'AND' but got 'key'. (line 1, character 15)"},
		{`project = "ABC`, "The quoted string 'ABC' has not been completed."},
		{"key = ABC-999", "An issue with key 'ABC-999' does not exist for field 'key'."},
		{"project > ABC", "The operator '>' is not supported by the 'project' field."},
		{"ORDER BY summary", "Not able to sort using field 'summary'."},
		{"id = abc", "The issue id 'abc' for field 'id' is invalid."},
	}
	for _, tc := range tests {
		t.Run(tc.q, func(t *testing.T) {
			parsed, err := jql.Parse(tc.q)
			if err == nil {
				_, err = parsed.Compile(testEnv())
			}
			var je *jql.Error
			if !errors.As(err, &je) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("%q: error %v (%T), want a *jql.Error containing %q", tc.q, err, err, tc.want)
			}
		})
	}
}

func TestCompareKeysAndIDs(t *testing.T) {
	tests := []struct {
		a, b string
		keys bool
		want int
	}{
		{"ABC-9", "ABC-10", true, -1},
		{"AB2_X-17", "ABC-1", true, -1},
		{"ABC-10", "ABC-10", true, 0},
		{"9999", "10000", false, -1},
		{"10001", "10000", false, 1},
	}
	for _, tc := range tests {
		cmp := jql.CompareIDs
		if tc.keys {
			cmp = jql.CompareKeys
		}
		if got := cmp(tc.a, tc.b); got != tc.want {
			t.Errorf("compare(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
