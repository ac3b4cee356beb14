package scenario

import (
	"time"

	"github.com/roleload/roleload/model"
)

// Dataset is everything a simulated Jira instance holds, over its whole
// timeline. The server shows it as of its clock: issues, histories,
// comments and worklogs dated after "now" are not yet visible, and each
// issue's fields are shown as they were at "now".
//
// Load builds Datasets; the server (package jirasim) serves them. IDs
// are Jira-like numeric strings; person IDs are accountIds on Cloud and
// user keys on Server/DC.
type Dataset struct {
	Name     string
	Projects []model.Project
	People   []model.Person
	// APIUser is the ID of the person the API token belongs to (/myself);
	// its TimeZone is what JQL dates are read in.
	APIUser string
	Issues  []model.Issue // final state of each issue
	// Histories, Comments and Worklogs are keyed by issue ID, oldest first.
	Histories map[string][]model.History
	Comments  map[string][]model.Comment
	Worklogs  map[string][]model.Worklog
	Sprints   []model.Sprint
	Boards    []Board
	// Start and End bound the timeline; a server's clock starts at End.
	Start, End time.Time
	// Team describes the team the scenario is about, so that tests and the
	// demo can write a roleload config for it.
	Team TeamSpec
	// Teams are all the teams of a scenario of several (Team is the first).
	Teams []TeamSpec
	// Truth is what really happened (nil for scenarios made only to load
	// the collector).
	Truth *Truth
}

// Board is an agile board on one project.
type Board struct {
	ID         int64
	Name       string
	ProjectKey string
	Type       string // scrum | kanban
}

// TeamSpec is the roleload team config that fits the scenario.
type TeamSpec struct {
	Name              string
	Timezone          string
	WorkingHours      string // "09:00-17:00"
	Holidays          []string
	ProductManagers   []string // person IDs
	ProductOwners     []string
	Engineers         []string
	Bots              []string
	DeliveryProjects  []string
	DiscoveryProjects []string
}
