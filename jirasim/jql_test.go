package jirasim

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/roleload/roleload/jirasim/scenario"
	"github.com/roleload/roleload/model"
)

// dstDataset has one issue per instant, created (and so updated) then;
// the API user is in America/New_York, where DST ends on 2026-11-01 at
// 02:00 EDT (06:00Z), the clock going back to 01:00 EST.
func dstDataset() *scenario.Dataset {
	ds := tinyDataset(0)
	ds.Issues = nil
	at := []string{
		"2026-10-31T03:59:00Z", // Oct 30 23:59 EDT
		"2026-10-31T04:00:00Z", // Oct 31 00:00 EDT
		"2026-11-01T05:29:59Z", // Nov 1 01:29:59 EDT (first 01:29)
		"2026-11-01T05:30:00Z", // Nov 1 01:30 EDT (first 01:30)
		"2026-11-01T06:30:00Z", // Nov 1 01:30 EST (second 01:30)
		"2026-11-02T04:59:59Z", // Nov 1 23:59:59 EST
		"2026-11-02T05:00:00Z", // Nov 2 00:00 EST
		"2026-11-02T15:21:30Z", // Nov 2 10:21:30 EST
	}
	for i, s := range at {
		c, _ := time.Parse(time.RFC3339, s)
		ds.Issues = append(ds.Issues, model.Issue{ID: "5000" + string(rune('0'+i)), Key: "ABC-" + string(rune('1'+i)), ProjectKey: "ABC",
			Type: "Task", Status: "To Do", StatusCategory: "new", Created: c, Updated: c})
	}
	return ds
}

func TestJQLUpdatedInAPIUserZone(t *testing.T) {
	tests := []struct {
		jql  string
		want string // keys, space separated, created order
	}{
		{`updated >= "2026/10/31"`, "ABC-2 ABC-3 ABC-4 ABC-5 ABC-6 ABC-7 ABC-8"},
		{`updated < "2026-10-31"`, "ABC-1"},
		{`updated >= "2026/11/02"`, "ABC-7 ABC-8"},
		{`updated < "2026/11/02 00:00"`, "ABC-1 ABC-2 ABC-3 ABC-4 ABC-5 ABC-6"},
		// A date alone is its midnight: <= excludes the rest of that day, as in Jira.
		{`updated <= "2026/11/02"`, "ABC-1 ABC-2 ABC-3 ABC-4 ABC-5 ABC-6 ABC-7"},
		// The ambiguous 01:30 on the DST day is read as the first one (EDT).
		{`updated >= "2026/11/01 01:30" AND updated < "2026/11/01 02:00"`, "ABC-4 ABC-5"},
		{`updated > "2026-11-01 01:29"`, "ABC-3 ABC-4 ABC-5 ABC-6 ABC-7 ABC-8"},
		// Minute resolution: 10:21:30 is after 10:21.
		{`updated >= "2026/11/02 10:21"`, "ABC-8"},
		{`updated > "2026/11/02 10:21"`, "ABC-8"},
		{`updated >= "2026/11/02 10:22"`, ""},
		{`updated = "2026/11/02 10:21"`, "ABC-8"},
		{`created >= "2026/11/01" AND created < "2026/11/02"`, "ABC-3 ABC-4 ABC-5 ABC-6"},
		{`updated >= -1d`, "ABC-6 ABC-7 ABC-8"}, // now is Nov 3 00:00Z
		{`updated >= "-2w"`, "ABC-1 ABC-2 ABC-3 ABC-4 ABC-5 ABC-6 ABC-7 ABC-8"},
	}
	sim, hs := startSim(t, dstDataset(), authOpts(model.Cloud))
	sim.SetNow(time.Date(2026, 11, 3, 0, 0, 0, 0, time.UTC))
	for _, tc := range tests {
		t.Run(tc.jql, func(t *testing.T) {
			got := strings.Join(cloudKeys(t, hs, tc.jql+" ORDER BY created ASC", 100), " ")
			if got != tc.want {
				t.Errorf("%s\n got  %q\n want %q", tc.jql, got, tc.want)
			}
		})
	}
}

func TestJQLClauses(t *testing.T) {
	tests := []struct {
		jql  string
		want int
	}{
		{"", 6},
		{"project = ABC", 5},
		{"project in (ABC, AB2_X)", 6},
		{"project in (abc, 10001)", 6},
		{"project not in (ABC)", 1},
		{"project != ABC", 1},
		{`project = "Odd Keys"`, 1},
		{"key = AB2_X-7", 1},
		{"issuekey in (ABC-1, AB2_X-7)", 2},
		{"key != ABC-1 AND project = ABC", 4},
		{"id = 20001", 1},
		{"id in (20001, 20002) OR key = ABC-5", 3},
		{"id > 20003", 3},
		{"(project = ABC AND key = ABC-1) OR (project = AB2_X)", 2},
		{"NOT project = ABC", 1},
		{"project = ABC AND NOT (key = ABC-1 OR key = ABC-2)", 3},
		{"project=ABC and key=ABC-3", 1},
		{"ORDER BY key DESC", 6},
	}
	_, hs := startSim(t, tinyDataset(5), authOpts(model.Server))
	for _, tc := range tests {
		t.Run(tc.jql, func(t *testing.T) {
			if got := len(serverKeys(t, hs, tc.jql, 100)); got != tc.want {
				t.Errorf("%q matched %d, want %d", tc.jql, got, tc.want)
			}
		})
	}
}

func TestJQLErrors(t *testing.T) {
	tests := []struct{ jql, want string }{
		{"project = NOPE", "The value 'NOPE' does not exist for the field 'project'."},
		{"status = Done", "Field 'status' does not exist or you do not have permission to view it."},
		{`updated >= "2026/13/01"`, "Date value '2026/13/01' for field 'updated' is invalid."},
		{`updated >= "yesterday"`, "Date value 'yesterday' for field 'updated' is invalid."},
		{"project = ABC AND", "Expecting a field name but got the end of the query."},
		{"project = ABC key = ABC-1", "Expecting either 'OR' or 'AND' but got 'key'. (line 1, character 15)"},
		{"project ABC", "Expecting operator but got 'ABC'."},
		{`project = "ABC`, "The quoted string 'ABC' has not been completed."},
		{"project in (ABC, ", "Expecting either a value, list or function but got the end of the query."},
		{"(project = ABC", "Expecting ')' but got the end of the query."},
		{"key = ABC-999", "An issue with key 'ABC-999' does not exist for field 'key'."},
		{"key = FUT-1", "An issue with key 'FUT-1' does not exist"},
		{"project > ABC", "The operator '>' is not supported by the 'project' field."},
		{"project = ABC ORDER BY summary", "Not able to sort using field 'summary'."},
		{"project = ABC ORDER key", "Expecting 'by' but got 'key'."},
		{"id = abc", "The issue id 'abc' for field 'id' is invalid."},
	}
	for _, f := range []model.Flavor{model.Cloud, model.Server} {
		_, hs := startSim(t, tinyDataset(3), authOpts(f))
		path := map[model.Flavor]string{model.Cloud: "/rest/api/2/search/jql", model.Server: "/rest/api/2/search"}[f]
		for _, tc := range tests {
			t.Run(string(f)+"/"+tc.jql, func(t *testing.T) {
				var p searchPage
				st := call(t, hs, f, path, url.Values{"jql": {tc.jql}}, &p)
				if st != 400 || len(p.ErrorMessages) != 1 || !strings.Contains(p.ErrorMessages[0], tc.want) {
					t.Errorf("%q: status %d %q, want 400 containing %q", tc.jql, st, p.ErrorMessages, tc.want)
				}
			})
		}
	}
}

func TestJQLOldKeyResolves(t *testing.T) {
	sim, hs := startSim(t, tinyDataset(3), authOpts(model.Cloud))
	newKey, err := sim.MoveIssue("ABC-2", "AB2_X")
	if err != nil {
		t.Fatal(err)
	}
	keys := cloudKeys(t, hs, "key = ABC-2", 10)
	if len(keys) != 1 || keys[0] != newKey {
		t.Errorf("key = ABC-2 after move = %v, want [%s]", keys, newKey)
	}
}
