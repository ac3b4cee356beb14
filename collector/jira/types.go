package jira

import (
	"encoding/json"
	"time"
)

// User is a Jira user object: Cloud carries accountId and accountType,
// Server/DC name and key.
type User struct {
	AccountID    string `json:"accountId"`
	AccountType  string `json:"accountType"`
	Name         string `json:"name"`
	Key          string `json:"key"`
	DisplayName  string `json:"displayName"`
	EmailAddress string `json:"emailAddress"`
	TimeZone     string `json:"timeZone"`
	Active       bool   `json:"active"`
}

// ID is the user's stable identity: accountId on Cloud, key on Server/DC
// (names can be renamed, keys cannot).
func (u *User) ID() string {
	switch {
	case u == nil:
		return ""
	case u.AccountID != "":
		return u.AccountID
	case u.Key != "":
		return u.Key
	}
	return u.Name
}

// ServerInfo is /rest/api/2/serverInfo.
type ServerInfo struct {
	BaseURL        string `json:"baseUrl"`
	Version        string `json:"version"`
	DeploymentType string `json:"deploymentType"` // Cloud | Server | DataCenter
	ServerTime     Time   `json:"serverTime"`
	ServerTitle    string `json:"serverTitle"`
}

// Field is one entry of /rest/api/2/field.
type Field struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Custom bool   `json:"custom"`
	Schema struct {
		Type   string `json:"type"`
		Items  string `json:"items"`
		Custom string `json:"custom"`
		System string `json:"system"`
	} `json:"schema"`
}

// Issue is one issue of a search or issue response. Fields stay raw: the
// custom field ids differ per instance.
type Issue struct {
	ID        string                     `json:"id"`
	Key       string                     `json:"key"`
	Fields    map[string]json.RawMessage `json:"fields"`
	Changelog *Changelog                 `json:"changelog"`
}

// Changelog is the changelog embedded by expand=changelog: at most 100
// histories (newest first on Cloud, oldest first on Server/DC) and the
// true total.
type Changelog struct {
	StartAt    int       `json:"startAt"`
	MaxResults int       `json:"maxResults"`
	Total      int       `json:"total"`
	Histories  []History `json:"histories"`
}

// History is one changelog entry.
type History struct {
	ID      string        `json:"id"`
	Author  *User         `json:"author"`
	Created Time          `json:"created"`
	Items   []HistoryItem `json:"items"`
}

// HistoryItem is one field change; fieldId is absent on Server/DC and
// older Cloud entries.
type HistoryItem struct {
	Field      string `json:"field"`
	FieldType  string `json:"fieldtype"`
	FieldID    string `json:"fieldId"`
	From       Text   `json:"from"`
	FromString Text   `json:"fromString"`
	To         Text   `json:"to"`
	ToString   Text   `json:"toString"`
}

// ChangelogPage is Cloud's /rest/api/2/issue/{key}/changelog (oldest first).
type ChangelogPage struct {
	StartAt    int       `json:"startAt"`
	MaxResults int       `json:"maxResults"`
	Total      int       `json:"total"`
	IsLast     *bool     `json:"isLast"`
	Values     []History `json:"values"`
}

// CommentPage is the comment field of an issue and /issue/{key}/comment.
type CommentPage struct {
	StartAt    int       `json:"startAt"`
	MaxResults int       `json:"maxResults"`
	Total      int       `json:"total"`
	Comments   []Comment `json:"comments"`
}

// Comment is one comment; Body is a wiki string (v2) or an ADF document (v3).
type Comment struct {
	ID      string          `json:"id"`
	Author  *User           `json:"author"`
	Body    json.RawMessage `json:"body"`
	Created Time            `json:"created"`
	Updated Time            `json:"updated"`
}

// WorklogPage is the worklog field of an issue and /issue/{key}/worklog.
type WorklogPage struct {
	StartAt    int       `json:"startAt"`
	MaxResults int       `json:"maxResults"`
	Total      int       `json:"total"`
	Worklogs   []Worklog `json:"worklogs"`
}

// Worklog is one worklog.
type Worklog struct {
	ID               string          `json:"id"`
	IssueID          string          `json:"issueId"`
	Author           *User           `json:"author"`
	Comment          json.RawMessage `json:"comment"`
	Started          Time            `json:"started"`
	TimeSpentSeconds int             `json:"timeSpentSeconds"`
	Created          Time            `json:"created"`
	Updated          Time            `json:"updated"`
}

// SearchPage is a search answer: Server/DC's /search has startAt and
// total, Cloud's /search/jql nextPageToken and isLast.
type SearchPage struct {
	StartAt       int     `json:"startAt"`
	MaxResults    int     `json:"maxResults"`
	Total         int     `json:"total"`
	NextPageToken string  `json:"nextPageToken"`
	IsLast        *bool   `json:"isLast"`
	Issues        []Issue `json:"issues"`
}

// Board is one agile board.
type Board struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	Type     string `json:"type"`
	Location struct {
		ProjectKey string `json:"projectKey"`
	} `json:"location"`
}

// Sprint is an agile sprint as the agile API or Cloud's Sprint field shows it.
type Sprint struct {
	ID            int64  `json:"id"`
	Name          string `json:"name"`
	State         string `json:"state"`
	BoardID       int64  `json:"boardId"`
	OriginBoardID int64  `json:"originBoardId"`
	StartDate     Time   `json:"startDate"`
	EndDate       Time   `json:"endDate"`
	CompleteDate  Time   `json:"completeDate"`
}

// AgilePage is a page of the agile API: boards or sprints.
type AgilePage[T any] struct {
	StartAt    int  `json:"startAt"`
	MaxResults int  `json:"maxResults"`
	Total      int  `json:"total"`
	IsLast     bool `json:"isLast"`
	Values     []T  `json:"values"`
}

// Myself is /rest/api/2/myself: the API user and its time zone (JQL
// dates are read in it).
type Myself struct {
	User
	Location *time.Location `json:"-"`
}
