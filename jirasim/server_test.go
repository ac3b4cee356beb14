package jirasim

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/roleload/roleload/jirasim/scenario"
	"github.com/roleload/roleload/model"
)

// Test timeline: autumn 2026, through New York's DST change on Nov 1.
var (
	tStart = time.Date(2026, 10, 1, 12, 0, 0, 0, time.UTC)
	tEnd   = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
)

const (
	testEmail = "bot@example.com"
	testToken = "s3cret"
)

// tinyDataset is a hand-built team: n issues in ABC (one an hour from
// tStart) plus AB2_X-7, whose key does not look like [A-Z]+-\d+.
// ABC-1 carries 130 histories, 30 comments and 25 worklogs; ABC-2 goes
// from "To Do" to "In Progress" on Nov 10; FUT-1 is created after tEnd.
func tinyDataset(n int) *scenario.Dataset {
	ds := &scenario.Dataset{
		Name: "tiny",
		Projects: []model.Project{
			{ID: "10000", Key: "ABC", Name: "Alphabet", Type: "software"},
			{ID: "10001", Key: "AB2_X", Name: "Odd Keys", Type: "software"},
			{ID: "10002", Key: "FUT", Name: "Future", Type: "software"},
		},
		People: []model.Person{
			{ID: "acc-pm", AccountID: "acc-pm", Name: "pat", Key: "JIRAUSER1", DisplayName: "Pat PM", AccountType: "atlassian", TimeZone: "Europe/Berlin", Active: true},
			{ID: "acc-eng", AccountID: "acc-eng", Name: "eve", Key: "JIRAUSER2", DisplayName: "Eve Eng", AccountType: "atlassian", TimeZone: "Europe/Berlin", Active: true},
			{ID: "acc-bot", AccountID: "acc-bot", Name: "bot", Key: "JIRAUSER3", DisplayName: "Roleload Bot", AccountType: "app", TimeZone: "America/New_York", Active: true},
		},
		APIUser:   "acc-bot",
		Histories: map[string][]model.History{},
		Comments:  map[string][]model.Comment{},
		Worklogs:  map[string][]model.Worklog{},
		Start:     tStart, End: tEnd,
	}
	for i := 1; i <= n; i++ {
		c := tStart.Add(time.Duration(i) * time.Hour)
		ds.Issues = append(ds.Issues, model.Issue{
			ID: strconv.Itoa(20000 + i), Key: "ABC-" + strconv.Itoa(i), ProjectKey: "ABC", ProjectType: "software",
			Type: "Story", Status: "To Do", StatusCategory: "new", Summary: fmt.Sprintf("Story %d", i),
			ReporterID: "acc-pm", CreatorID: "acc-pm", Created: c, Updated: c,
		})
	}
	ds.Issues = append(ds.Issues,
		model.Issue{ID: "30007", Key: "AB2_X-7", ProjectKey: "AB2_X", Type: "Bug", Status: "Done", StatusCategory: "done",
			Summary: "odd key", ReporterID: "acc-eng", CreatorID: "acc-eng", Created: tStart, Updated: tStart, Resolved: tStart.Add(time.Hour)},
		model.Issue{ID: "40001", Key: "FUT-1", ProjectKey: "FUT", Type: "Story", Status: "To Do", StatusCategory: "new",
			Summary: "not yet", ReporterID: "acc-pm", CreatorID: "acc-pm", Created: tEnd.Add(48 * time.Hour), Updated: tEnd.Add(48 * time.Hour)})
	if n >= 2 {
		busy(ds, &ds.Issues[0])
		is := &ds.Issues[1]
		is.Status, is.StatusCategory, is.AssigneeID = "In Progress", "indeterminate", "acc-eng"
		at := time.Date(2026, 11, 10, 15, 0, 0, 0, time.UTC)
		ds.Histories[is.ID] = []model.History{{ID: "9000001", IssueID: is.ID, AuthorID: "acc-eng", Created: at, Items: []model.HistoryItem{
			{Field: "status", FieldType: "jira", FieldID: "status", From: "10000", FromString: "To Do", To: "3", ToString: "In Progress"},
			{Field: "assignee", FieldType: "jira", FieldID: "assignee", From: "", To: "acc-eng", ToString: "Eve Eng"},
		}}}
		is.Updated = at
	}
	return ds
}

// busy gives an issue 130 histories, 30 comments and 25 worklogs.
func busy(ds *scenario.Dataset, is *model.Issue) {
	at, prev := is.Created, ""
	for j := range 130 {
		at = at.Add(time.Hour)
		label := "l" + strconv.Itoa(j)
		ds.Histories[is.ID] = append(ds.Histories[is.ID], model.History{ID: strconv.Itoa(100000 + j), IssueID: is.ID, AuthorID: "acc-pm", Created: at,
			Items: []model.HistoryItem{{Field: "labels", FieldType: "jira", FieldID: "labels", FromString: prev, ToString: label}}})
		prev = label
	}
	for j := range 30 {
		c := is.Created.Add(time.Duration(j)*time.Hour + 30*time.Minute)
		ds.Comments[is.ID] = append(ds.Comments[is.ID], model.Comment{ID: strconv.Itoa(200000 + j), IssueID: is.ID, AuthorID: "acc-eng",
			Created: c, Updated: c, Body: "[~accountid:acc-pm] question " + strconv.Itoa(j) + "?", Mentions: []string{"acc-pm"}})
	}
	for j := range 25 {
		st := is.Created.Add(time.Duration(j) * time.Hour)
		ds.Worklogs[is.ID] = append(ds.Worklogs[is.ID], model.Worklog{ID: strconv.Itoa(300000 + j), IssueID: is.ID, AuthorID: "acc-eng",
			Started: st, Seconds: 1800, Created: st.Add(30 * time.Minute), Updated: st.Add(30 * time.Minute)})
	}
	is.Labels = []string{"l129"}
	is.Updated = at
}

// startSim serves ds over real HTTP; opts.Flavor defaults to Cloud.
func startSim(t *testing.T, ds *scenario.Dataset, opts Options) (*Server, *httptest.Server) {
	t.Helper()
	sim := New(ds, opts)
	hs := httptest.NewServer(sim)
	t.Cleanup(hs.Close)
	return sim, hs
}

// call does one GET with the credentials the flavor expects and decodes
// the JSON answer into out (when non-nil), returning the status.
func call(t testing.TB, hs *httptest.Server, flavor model.Flavor, path string, q url.Values, out any) int {
	t.Helper()
	u := hs.URL + path
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		t.Fatalf("new request %s: %v", u, err)
	}
	if flavor == model.Server {
		req.Header.Set("Authorization", "Bearer "+testToken)
	} else {
		req.Header.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(testEmail+":"+testToken)))
	}
	resp, err := hs.Client().Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("read %s: %v", u, err)
	}
	if out != nil && resp.StatusCode == http.StatusOK {
		if err := json.Unmarshal(body, out); err != nil {
			t.Fatalf("decode %s: %v\n%s", u, err, body)
		}
	}
	if out != nil && resp.StatusCode != http.StatusOK {
		_ = json.Unmarshal(body, out)
	}
	return resp.StatusCode
}

func authOpts(f model.Flavor) Options {
	return Options{Flavor: f, Email: testEmail, Token: testToken}
}

func TestAuth(t *testing.T) {
	tests := []struct {
		name   string
		flavor model.Flavor
		header string
		want   int
	}{
		{"cloud basic ok", model.Cloud, "Basic " + base64.StdEncoding.EncodeToString([]byte(testEmail+":"+testToken)), 200},
		{"cloud wrong token", model.Cloud, "Basic " + base64.StdEncoding.EncodeToString([]byte(testEmail+":nope")), 401},
		{"cloud bearer refused", model.Cloud, "Bearer " + testToken, 401},
		{"cloud none", model.Cloud, "", 401},
		{"server bearer ok", model.Server, "Bearer " + testToken, 200},
		{"server wrong", model.Server, "Bearer nope", 401},
		{"server basic refused", model.Server, "Basic " + base64.StdEncoding.EncodeToString([]byte(testEmail+":"+testToken)), 401},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, hs := startSim(t, tinyDataset(3), authOpts(tc.flavor))
			req, _ := http.NewRequest(http.MethodGet, hs.URL+"/rest/api/2/myself", nil)
			if tc.header != "" {
				req.Header.Set("Authorization", tc.header)
			}
			resp, err := hs.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var body struct{ ErrorMessages []string }
			_ = json.NewDecoder(resp.Body).Decode(&body)
			if resp.StatusCode != tc.want {
				t.Fatalf("status %d, want %d", resp.StatusCode, tc.want)
			}
			if tc.want == 401 && len(body.ErrorMessages) == 0 {
				t.Errorf("401 without Jira's errorMessages body")
			}
		})
	}
}

func TestMyselfAndServerInfo(t *testing.T) {
	for _, f := range []model.Flavor{model.Cloud, model.Server} {
		t.Run(string(f), func(t *testing.T) {
			sim, hs := startSim(t, tinyDataset(3), authOpts(f))
			var me map[string]any
			call(t, hs, f, "/rest/api/2/myself", nil, &me)
			if me["timeZone"] != "America/New_York" {
				t.Errorf("myself timeZone = %v", me["timeZone"])
			}
			_, hasAcct := me["accountId"]
			_, hasName := me["name"]
			if hasAcct != (f == model.Cloud) || hasName != (f == model.Server) {
				t.Errorf("myself identity fields wrong for %s: %v", f, me)
			}
			var info map[string]any
			call(t, hs, f, "/rest/api/2/serverInfo", nil, &info)
			want := map[model.Flavor]string{model.Cloud: "Cloud", model.Server: "Server"}[f]
			if info["deploymentType"] != want {
				t.Errorf("deploymentType = %v, want %s", info["deploymentType"], want)
			}
			st, err := time.Parse(jiraTimeLayout, info["serverTime"].(string))
			if err != nil || !st.Equal(sim.Now()) {
				t.Errorf("serverTime %v (%v), want %v", info["serverTime"], err, sim.Now())
			}
			if info["baseUrl"] != hs.URL {
				t.Errorf("baseUrl = %v, want %s", info["baseUrl"], hs.URL)
			}
		})
	}
}

type hsT = httptest.Server
