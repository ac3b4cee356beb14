package analysis

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/roleload/roleload/analysis/signal"
	"github.com/roleload/roleload/model"
)

func mustLoc(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("load %s: %v", name, err)
	}
	return loc
}

// The parameters of SPEC §4 and §6, written out: the analysis fills no
// default, so its tests give every one (the product's live in config;
// TestSpecParamsAreConfigDefaults checks these equal them). Exported for
// the external tests.

// SpecThresholds are SPEC §6.6's default thresholds.
func SpecThresholds() signal.Thresholds {
	return signal.Thresholds{DailyInputs: 0.8, DailyInputsMinRequesters: 2, SlowAnswers: 8, Unanswered: 3, UnansweredAfter: 16,
		POWorkHeavy: 12, DiscoverySqueezed: 0.2, AfterHours: 0.2, ThinBacklog: 1.0, OverwhelmedMin: 2}
}

// SpecTimeModel is SPEC §6.3's default time model.
func SpecTimeModel() TimeModel {
	return TimeModel{CreateMinutes: 5, TextEditMinutes: 3, FieldEditMinutes: 1, TransitionMinutes: 0.5, CommentMinutes: 2,
		ComposeRate: 40, CapMinutes: 45, IdleGap: 15 * time.Minute}
}

// SpecTeam is a team named name in loc with SPEC §4's defaults: Mon–Fri
// 09:00–17:00, no holidays, the default waiting statuses, input labels,
// ready statuses and discovery issue types and labels, off-day requests
// ignored. It names no people and no projects.
func SpecTeam(name string, loc *time.Location) Team {
	t := Team{
		Name: name, Location: loc, DayStart: 9 * time.Hour, DayEnd: 17 * time.Hour, Holidays: map[string]bool{},
		WaitingStatuses: []string{"Needs Info", "Needs Clarification", "Waiting for Product"},
		InputLabels:     []string{"needs-info", "needs-product"},
		ReadyStatuses:   []string{"Ready for Dev", "Selected for Development"},
		Discovery: Discovery{IssueTypes: []string{"Idea", "Research", "Experiment", "Opportunity"},
			Labels: []string{"discovery", "user-research"}},
		OffDayRequests: OffDayIgnore,
	}
	for d := time.Monday; d <= time.Friday; d++ {
		t.Weekdays[d] = true
	}
	return t
}

// testTeam is SpecTeam "checkout" with PM "pm", delivery project ABC and
// discovery project DISC.
func testTeam(loc *time.Location) Team {
	t := SpecTeam("checkout", loc)
	t.ProductManagers, t.DeliveryProjects, t.Discovery.Projects = []string{"pm"}, []string{"ABC"}, []string{"DISC"}
	return t
}

// builder makes a hand-built model.Activity.
type builder struct {
	t   testing.TB
	loc *time.Location
	act *model.Activity
	n   int
}

func newBuilder(t testing.TB, loc *time.Location) *builder {
	return &builder{t: t, loc: loc, act: &model.Activity{
		Histories: map[string][]model.History{}, Comments: map[string][]model.Comment{}, Worklogs: map[string][]model.Worklog{},
		ChangelogsComplete: true,
		People: []model.Person{
			{ID: "pm", Name: "paula", DisplayName: "Paula PM", Email: "paula@example.com", Active: true},
			{ID: "po", Name: "otto", DisplayName: "Otto PO", Active: true},
			{ID: "e1", Name: "erin", DisplayName: "Erin Eng", Active: true},
			{ID: "e2", Name: "ed", DisplayName: "Ed Eng", Active: true},
			{ID: "bot", DisplayName: "Automation", AccountType: "app"},
		},
	}}
}

func (b *builder) id() string { b.n++; return fmt.Sprint(10000 + b.n) }

// at parses "2006-01-02 15:04" in the builder's zone.
func (b *builder) at(s string) time.Time {
	b.t.Helper()
	v, err := time.ParseInLocation("2006-01-02 15:04", s, b.loc)
	if err != nil {
		b.t.Fatalf("bad time %q: %v", s, err)
	}
	return v
}

// issue adds an issue; key "ABC-1" puts it in project ABC.
func (b *builder) issue(key, typ, creator, created string, opts ...func(*model.Issue)) *builder {
	proj, _, _ := strings.Cut(key, "-")
	is := model.Issue{ID: b.id(), Key: key, ProjectKey: proj, Type: typ, Status: "To Do", Summary: "Summary of " + key,
		CreatorID: creator, ReporterID: creator, Created: b.at(created)}
	for _, o := range opts {
		o(&is)
	}
	b.act.Issues = append(b.act.Issues, is)
	return b
}

func (b *builder) issueID(key string) string {
	for _, is := range b.act.Issues {
		if is.Key == key {
			return is.ID
		}
	}
	b.t.Fatalf("no issue %s", key)
	return ""
}

func (b *builder) hist(key, author, at string, items ...model.HistoryItem) *builder {
	id := b.issueID(key)
	b.act.Histories[id] = append(b.act.Histories[id], model.History{ID: b.id(), IssueID: id, AuthorID: author, Created: b.at(at), Items: items})
	return b
}

func (b *builder) comment(key, author, at, body string, mentions ...string) *builder {
	id := b.issueID(key)
	b.act.Comments[id] = append(b.act.Comments[id], model.Comment{ID: b.id(), IssueID: id, AuthorID: author, Created: b.at(at),
		Body: body, BodySize: len([]rune(body)), Mentions: mentions})
	return b
}

func (b *builder) worklog(key, author, started string, seconds int, created string) *builder {
	id := b.issueID(key)
	b.act.Worklogs[id] = append(b.act.Worklogs[id], model.Worklog{ID: b.id(), IssueID: id, AuthorID: author,
		Started: b.at(started), Seconds: seconds, Created: b.at(created)})
	return b
}

func item(field, from, to string) model.HistoryItem {
	return model.HistoryItem{Field: field, FromString: from, ToString: to}
}

func assignItem(to string) model.HistoryItem {
	return model.HistoryItem{Field: "assignee", FieldID: "assignee", To: to, ToString: to}
}

func input(b *builder, team Team, asOf string) Input {
	return Input{Activity: b.act, Team: team, Thresholds: SpecThresholds(), TimeModel: SpecTimeModel(),
		AsOf: b.at(asOf + " 12:00"), Weeks: 4, HistoryWeeks: 12}
}

func analyze(t *testing.T, in Input) *Result {
	t.Helper()
	r, err := Analyze(in)
	if err != nil {
		t.Fatalf("Analyze: %v", err)
	}
	return r
}
