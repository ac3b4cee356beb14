package model

import "time"

// Flavor is the kind of Jira deployment: its REST API differs in paging,
// auth and how users are identified.
type Flavor string

const (
	Cloud  Flavor = "cloud"
	Server Flavor = "server" // Server and Data Center
)

// Person is a Jira user. ID is the stable identity used everywhere else in
// the model: the accountId on Cloud, the user key on Server/DC (names can
// be renamed, keys cannot).
type Person struct {
	ID          string
	AccountID   string // Cloud only
	Name        string // Server/DC username
	Key         string // Server/DC user key
	DisplayName string
	Email       string
	AccountType string // Cloud: atlassian | app | customer; empty on Server
	TimeZone    string
	Active      bool
}

// Project is a Jira project as seen on its issues.
type Project struct {
	ID   string
	Key  string
	Name string
	// Type is Jira's projectTypeKey: software, business, service_desk,
	// product_discovery (Jira Product Discovery).
	Type string
}

// Issue is one Jira issue. It is identified by its numeric Jira ID so that
// an issue moved to another project (new key) stays one issue.
type Issue struct {
	ID              string
	Key             string
	ProjectKey      string
	ProjectType     string
	Type            string // issue type name: Story, Bug, Epic, Idea, ...
	Status          string
	StatusCategory  string // new | indeterminate | done
	Summary         string
	Description     string // plain text or wiki markup; ADF is flattened to text
	DescriptionSize int    // characters (runes) of Description as Jira holds it
	Labels          []string
	Components      []string
	ReporterID      string
	CreatorID       string
	AssigneeID      string
	Created         time.Time
	Updated         time.Time
	Resolved        time.Time // zero when unresolved
	ParentKey       string    // parent issue or epic (Epic Link on Server/DC)
	StoryPoints     *float64
	SprintIDs       []int64
	Flagged         bool
	Links           []IssueLink
	Deleted         bool // Jira no longer returns it (census)

	// ChangelogTotal is the number of histories Jira reports for the issue;
	// the collector keeps fetching until it has that many.
	ChangelogTotal int
}

// IssueLink is one link from an issue to another.
type IssueLink struct {
	Type      string // e.g. "Blocks"
	Direction string // inward | outward
	OtherKey  string
}

// History is one changelog entry: one author, one moment, one or more
// field changes.
type History struct {
	ID       string
	IssueID  string
	AuthorID string // empty for anonymous / system changes
	Created  time.Time
	Items    []HistoryItem
}

// HistoryItem is one field change inside a History. FieldID is missing on
// Server/DC and on older Cloud entries; Field (the display name) is always set.
type HistoryItem struct {
	Field      string
	FieldType  string // jira | custom
	FieldID    string
	From       string
	FromString string
	To         string
	ToString   string
}

// Comment is one comment on an issue. Body is flattened to text (wiki
// markup kept as written; ADF turned into text with mentions as
// [~accountid:ID]); Mentions holds the person IDs it mentions.
type Comment struct {
	ID       string
	IssueID  string
	AuthorID string
	Created  time.Time
	Updated  time.Time
	Body     string
	BodySize int // characters (runes) of the body
	Mentions []string
}

// Worklog is one logged span of work.
type Worklog struct {
	ID       string
	IssueID  string
	AuthorID string
	Started  time.Time
	Seconds  int
	Created  time.Time
	Updated  time.Time
}

// Sprint is an agile sprint.
type Sprint struct {
	ID       int64
	BoardID  int64
	Name     string
	State    string // future | active | closed
	Start    time.Time
	End      time.Time
	Complete time.Time
}

// Activity is everything the store holds that the analysis reads: the
// issues of some projects and all their activity, with the people and
// sprints they refer to. Histories, Comments and Worklogs are keyed by
// issue ID and sorted by time.
type Activity struct {
	Issues    []Issue
	Histories map[string][]History
	Comments  map[string][]Comment
	Worklogs  map[string][]Worklog
	People    []Person
	Sprints   []Sprint
	// ChangelogsComplete is false when some issue's stored histories are
	// fewer than the total Jira reported.
	ChangelogsComplete bool
	// Calendars are the team's PMs'/POs' calendar feeds that have loaded
	// at least once (SPEC §5.1): the time Jira cannot see.
	Calendars []Calendar
}

// Calendar is one person's calendar feed as the store holds it.
type Calendar struct {
	Person      string // as configured: accountId, username, email or display name
	Occurrences []CalendarOccurrence
}

// CalendarOccurrence is one kept occurrence (SPEC §5.1), already classified.
type CalendarOccurrence struct {
	Start, End time.Time
	Category   string // "discovery", "story_writing" or "other"
	Title      string // empty when calendar.keep_titles is false
	UID        string
}
