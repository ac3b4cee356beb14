package setup

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/roleload/roleload/collector/jira"
)

// SampleIssue is an issue read for guessing: who made it, who has it, its
// labels, and the changelog Jira embedded (at most 100 histories: enough
// to see who edits and who moves it).
type SampleIssue struct {
	Key, Project, Type, Status string
	Labels                     []string
	Creator, Assignee          *jira.User
	Created, Updated           time.Time
	Histories                  []jira.History
}

// Sample is the issues of some projects updated since a moment.
type Sample struct {
	Issues []SampleIssue
	// Capped says the sample stopped at the issue cap: guesses come from
	// the most recently created part only.
	Capped   bool
	Requests int
}

var sampleFields = []string{"summary", "issuetype", "status", "project", "labels", "creator", "assignee", "created", "updated"}

// FetchSample reads the issues of projects updated since `since` with
// their embedded changelogs, a page of 100 at a time (the most Jira
// returns with changelogs), newest created first, up to maxIssues.
func (s *Site) FetchSample(ctx context.Context, projects []string, since time.Time, maxIssues int) (*Sample, error) {
	quoted := make([]string, len(projects))
	for i, p := range projects {
		quoted[i] = `"` + strings.ReplaceAll(p, `"`, `\"`) + `"`
	}
	// JQL dates are read in the API user's time zone (SPEC §5).
	jql := fmt.Sprintf(`project in (%s) AND updated >= "%s" ORDER BY created DESC`, strings.Join(quoted, ","),
		since.In(s.Me.Location).Format("2006/01/02 15:04"))
	q := jira.SearchQuery{JQL: jql, Fields: sampleFields, Expand: "changelog", MaxResults: 100}
	out := &Sample{}
	before := s.Client.Requests()
	defer func() { out.Requests = s.Client.Requests() - before }()
	for {
		var p *jira.SearchPage
		var err error
		if s.Flavor == "cloud" {
			p, err = s.Client.SearchCloud(ctx, q)
		} else {
			p, err = s.Client.SearchServer(ctx, q)
		}
		if err != nil {
			return nil, fmt.Errorf("jira search %s: %w", jql, err)
		}
		for i := range p.Issues {
			si, err := sampleIssue(&p.Issues[i])
			if err != nil {
				return nil, err
			}
			out.Issues = append(out.Issues, si)
		}
		if len(out.Issues) >= maxIssues {
			out.Capped = true
			return out, nil
		}
		if s.Flavor == "cloud" {
			if p.NextPageToken == "" || (p.IsLast != nil && *p.IsLast) || len(p.Issues) == 0 {
				return out, nil
			}
			q.PageToken = p.NextPageToken
			continue
		}
		q.StartAt += len(p.Issues)
		if len(p.Issues) == 0 || q.StartAt >= p.Total {
			return out, nil
		}
	}
}

func sampleIssue(is *jira.Issue) (SampleIssue, error) {
	var f struct {
		IssueType struct{ Name string } `json:"issuetype"`
		Status    struct{ Name string } `json:"status"`
		Project   struct{ Key string }  `json:"project"`
		Labels    []string              `json:"labels"`
		Creator   *jira.User            `json:"creator"`
		Assignee  *jira.User            `json:"assignee"`
		Created   jira.Time             `json:"created"`
		Updated   jira.Time             `json:"updated"`
	}
	raw, err := json.Marshal(is.Fields)
	if err == nil {
		err = json.Unmarshal(raw, &f)
	}
	if err != nil {
		return SampleIssue{}, fmt.Errorf("issue %s: %w", is.Key, err)
	}
	si := SampleIssue{Key: is.Key, Project: f.Project.Key, Type: f.IssueType.Name, Status: f.Status.Name, Labels: f.Labels,
		Creator: f.Creator, Assignee: f.Assignee, Created: f.Created.Time, Updated: f.Updated.Time}
	if si.Project == "" {
		si.Project = is.Key[:max(strings.LastIndex(is.Key, "-"), 0)]
	}
	if is.Changelog != nil {
		si.Histories = is.Changelog.Histories
	}
	return si, nil
}
