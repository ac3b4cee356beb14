package jirasim

import (
	"testing"
	"time"

	jira "github.com/andygrunwald/go-jira"

	"github.com/roleload/roleload/model"
)

// The mandated client must be able to page through the simulator and
// decode what it returns (go-jira is strict about time formats).
func TestGoJiraCloudSearchV2JQL(t *testing.T) {
	_, hs := startSim(t, tinyDataset(120), authOpts(model.Cloud))
	tp := jira.BasicAuthTransport{Username: testEmail, Password: testToken}
	client, err := jira.NewClient(tp.Client(), hs.URL)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	opts := &jira.SearchOptionsV2{MaxResults: 50, Fields: []string{"summary", "updated", "created", "status", "assignee"}, Expand: "changelog"}
	for pages := 0; ; pages++ {
		issues, resp, err := client.Issue.SearchV2JQL("project in (ABC, AB2_X) ORDER BY created ASC", opts)
		if err != nil {
			t.Fatalf("page %d: %v", pages, err)
		}
		for _, is := range issues {
			if seen[is.Key] {
				t.Errorf("%s twice", is.Key)
			}
			seen[is.Key] = true
			if is.Fields == nil || time.Time(is.Fields.Created).IsZero() || time.Time(is.Fields.Updated).IsZero() || is.Fields.Status == nil {
				t.Fatalf("%s: fields not decoded: %+v", is.Key, is.Fields)
			}
			if is.Key == "ABC-1" && (is.Changelog == nil || len(is.Changelog.Histories) != 100) {
				t.Errorf("ABC-1 changelog not decoded")
			}
		}
		if resp.IsLast {
			break
		}
		opts.NextPageToken = resp.NextPageToken
	}
	if len(seen) != 121 {
		t.Errorf("go-jira paged %d issues, want 121", len(seen))
	}
	is, _, err := client.Issue.Get("ABC-1", &jira.GetQueryOptions{Fields: "comment,worklog"})
	if err != nil || is.Fields.Comments == nil || len(is.Fields.Comments.Comments) != 30 {
		t.Errorf("Issue.Get: %v %+v", err, is)
	}
	if _, resp, err := client.Issue.Search("project = ABC", nil); err == nil || resp.StatusCode != 410 {
		t.Errorf("legacy search on Cloud: %v", err)
	}
}

func TestGoJiraServerSearch(t *testing.T) {
	_, hs := startSim(t, tinyDataset(120), authOpts(model.Server))
	tp := jira.BearerAuthTransport{Token: testToken}
	client, err := jira.NewClient(tp.Client(), hs.URL)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	opts := &jira.SearchOptions{MaxResults: 1000, Fields: []string{"*navigable"}}
	for {
		issues, resp, err := client.Issue.Search("project in (ABC, AB2_X) ORDER BY key ASC", opts)
		if err != nil {
			t.Fatal(err)
		}
		for _, is := range issues {
			seen[is.Key] = true
			if is.Fields.Reporter == nil || is.Fields.Reporter.Name == "" {
				t.Fatalf("%s: Server user without name: %+v", is.Key, is.Fields.Reporter)
			}
		}
		opts.StartAt += len(issues)
		if len(issues) == 0 || opts.StartAt >= resp.Total {
			break
		}
	}
	if len(seen) != 121 {
		t.Errorf("go-jira paged %d issues, want 121", len(seen))
	}
	var all []string
	err = client.Issue.SearchPages("project = ABC", &jira.SearchOptions{MaxResults: 30}, func(is jira.Issue) error {
		all = append(all, is.Key)
		return nil
	})
	if err != nil || len(all) != 120 {
		t.Errorf("SearchPages: %v, %d issues", err, len(all))
	}
	me, _, err := client.User.GetSelf()
	if err != nil || me.Name != "bot" || me.TimeZone != "America/New_York" {
		t.Errorf("GetSelf: %v %+v", err, me)
	}
}
