package jira

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// ServerInfo fetches /rest/api/2/serverInfo (flavor and Jira's clock).
func (c *Client) ServerInfo(ctx context.Context) (*ServerInfo, error) {
	var si ServerInfo
	if err := c.Get(ctx, "rest/api/2/serverInfo", nil, &si); err != nil {
		return nil, err
	}
	return &si, nil
}

// Myself fetches the API user; Location is its time zone (UTC if unknown).
func (c *Client) Myself(ctx context.Context) (*Myself, error) {
	var m Myself
	if err := c.Get(ctx, "rest/api/2/myself", nil, &m.User); err != nil {
		return nil, err
	}
	m.Location = time.UTC
	if m.TimeZone != "" {
		if loc, err := time.LoadLocation(m.TimeZone); err == nil {
			m.Location = loc
		}
	}
	return &m, nil
}

// Fields fetches /rest/api/2/field.
func (c *Client) Fields(ctx context.Context) ([]Field, error) {
	var fs []Field
	err := c.Get(ctx, "rest/api/2/field", nil, &fs)
	return fs, err
}

// SearchQuery is one search page request.
type SearchQuery struct {
	JQL        string
	Fields     []string
	Expand     string
	MaxResults int
	StartAt    int    // Server/DC
	PageToken  string // Cloud
}

// SearchCloud fetches one page of Cloud's enhanced search (/search/jql).
func (c *Client) SearchCloud(ctx context.Context, q SearchQuery) (*SearchPage, error) {
	v := url.Values{"jql": {q.JQL}, "maxResults": {strconv.Itoa(q.MaxResults)}, "fields": {strings.Join(q.Fields, ",")}}
	if q.Expand != "" {
		v.Set("expand", q.Expand)
	}
	if q.PageToken != "" {
		v.Set("nextPageToken", q.PageToken)
	}
	var p SearchPage
	if err := c.Get(ctx, "rest/api/2/search/jql", v, &p); err != nil {
		return nil, err
	}
	return &p, nil
}

// SearchServer fetches one page of Server/DC's /search (startAt, total).
func (c *Client) SearchServer(ctx context.Context, q SearchQuery) (*SearchPage, error) {
	v := url.Values{"jql": {q.JQL}, "maxResults": {strconv.Itoa(q.MaxResults)}, "startAt": {strconv.Itoa(q.StartAt)},
		"fields": {strings.Join(q.Fields, ",")}}
	if q.Expand != "" {
		v.Set("expand", q.Expand)
	}
	var p SearchPage
	if err := c.Get(ctx, "rest/api/2/search", v, &p); err != nil {
		return nil, err
	}
	return &p, nil
}

// Changelog fetches one page of Cloud's /issue/{key}/changelog (oldest first).
func (c *Client) Changelog(ctx context.Context, issue string, startAt, max int) (*ChangelogPage, error) {
	var p ChangelogPage
	err := c.Get(ctx, "rest/api/2/issue/"+url.PathEscape(issue)+"/changelog", pageQuery(startAt, max), &p)
	return &p, err
}

// IssueWithChangelog fetches one issue with its whole changelog (Server/DC
// does not truncate it there).
func (c *Client) IssueWithChangelog(ctx context.Context, issue string, fields []string) (*Issue, error) {
	var is Issue
	v := url.Values{"expand": {"changelog"}, "fields": {strings.Join(fields, ",")}}
	err := c.Get(ctx, "rest/api/2/issue/"+url.PathEscape(issue), v, &is)
	return &is, err
}

// Comments fetches one page of /issue/{key}/comment.
func (c *Client) Comments(ctx context.Context, issue string, startAt, max int) (*CommentPage, error) {
	var p CommentPage
	err := c.Get(ctx, "rest/api/2/issue/"+url.PathEscape(issue)+"/comment", pageQuery(startAt, max), &p)
	return &p, err
}

// Worklogs fetches one page of /issue/{key}/worklog.
func (c *Client) Worklogs(ctx context.Context, issue string, startAt, max int) (*WorklogPage, error) {
	var p WorklogPage
	err := c.Get(ctx, "rest/api/2/issue/"+url.PathEscape(issue)+"/worklog", pageQuery(startAt, max), &p)
	return &p, err
}

// Boards fetches one page of the agile boards of a project.
func (c *Client) Boards(ctx context.Context, project string, startAt int) (*AgilePage[Board], error) {
	var p AgilePage[Board]
	v := pageQuery(startAt, 50)
	v.Set("projectKeyOrId", project)
	err := c.Get(ctx, "rest/agile/1.0/board", v, &p)
	return &p, err
}

// Sprints fetches one page of a board's sprints.
func (c *Client) Sprints(ctx context.Context, board int64, startAt int) (*AgilePage[Sprint], error) {
	var p AgilePage[Sprint]
	err := c.Get(ctx, "rest/agile/1.0/board/"+strconv.FormatInt(board, 10)+"/sprint", pageQuery(startAt, 50), &p)
	return &p, err
}

func pageQuery(startAt, max int) url.Values {
	return url.Values{"startAt": {strconv.Itoa(startAt)}, "maxResults": {strconv.Itoa(max)}}
}

// User looks up a Server/DC user by name.
func (c *Client) User(ctx context.Context, name string) (*User, error) {
	var u User
	err := c.Get(ctx, "rest/api/2/user", url.Values{"username": {name}}, &u)
	return &u, err
}
