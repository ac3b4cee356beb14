// Package synthorg is the synthetic organisation the benchmarks share:
// 200 people in ten projects over a year, each issue with 12 histories,
// 8 comments and 4 worklogs (25 events with its creation), so 40,000
// issues are 1,000,000 events. BenchmarkAnalyze1M (analysis),
// BenchmarkLoadActivity (store) and BenchmarkOrganisation1M (dashboard)
// all read it, so their figures describe the same data.
//
// People: p0..p9 are the product managers of projects P0..P9 and author
// one event in 40 of their project; p10..p199 are engineers, 19 a
// project. About one issue in seven is labelled "discovery". The output
// depends only on Options: a fixed-seed generator draws every value.
package synthorg

import (
	"fmt"
	"strings"
	"time"

	"github.com/roleload/roleload/model"
)

// Projects is how many projects (P0..P9) the organisation has.
const Projects = 10

// EventsPerIssue is the events of one issue: its creation, 12 histories,
// 8 comments and 4 worklogs.
const EventsPerIssue = 1 + 12 + 8 + 4

// Options shape the organisation.
type Options struct {
	Issues int // default 40,000 (1,000,000 events)
	// Start is the first moment an issue may be created; issues are
	// created over the 360 days after it. Default 2025-11-30 07:00 UTC (08:00 in Berlin).
	Start time.Time
}

// Issue is one generated issue with its activity, sorted by time.
type Issue struct {
	Issue     model.Issue
	Histories []model.History
	Comments  []model.Comment
	Worklogs  []model.Worklog
}

// Org is what Generate hands out one issue at a time.
type Org struct {
	People  []model.Person
	Sprints []model.Sprint
	Start   time.Time
	n       int
}

// New returns the organisation Options describe.
func New(opts Options) *Org {
	if opts.Issues <= 0 {
		opts.Issues = 40000
	}
	if opts.Start.IsZero() {
		opts.Start = time.Date(2025, 11, 30, 7, 0, 0, 0, time.UTC)
	}
	o := &Org{Start: opts.Start, n: opts.Issues}
	for p := range 200 {
		o.People = append(o.People, model.Person{ID: fmt.Sprintf("p%d", p), DisplayName: fmt.Sprintf("Person %d", p), Active: true})
	}
	for p := range Projects {
		for s := range 26 {
			at := opts.Start.Add(time.Duration(s) * 14 * 24 * time.Hour)
			end := at.Add(14 * 24 * time.Hour)
			o.Sprints = append(o.Sprints, model.Sprint{ID: int64(p*100 + s), State: "closed", Start: at, End: end, Complete: end})
		}
	}
	return o
}

// Events is the number of events the organisation holds.
func (o *Org) Events() int { return o.n * EventsPerIssue }

// Issues calls yield with each issue in turn (the same ones on every
// call), stopping early when yield returns false. The issue's slices are
// its own.
func (o *Org) Issues(yield func(Issue) bool) {
	// A small LCG rather than math/rand: the sequence is part of the
	// benchmarks' data, so it must not change with the Go release.
	seed := uint64(1)
	rnd := func(n int) int {
		seed = seed*6364136223846793005 + 1442695040888963407
		return int((seed >> 33) % uint64(n))
	}
	author := func(proj int) string {
		if rnd(40) == 0 {
			return fmt.Sprintf("p%d", proj) // the project's PM
		}
		return fmt.Sprintf("p%d", 10+proj*19+rnd(19))
	}
	body := strings.Repeat("Looks good, but what about the empty state? ", 5)
	desc := strings.Repeat("As a shopper I want to pay with one click. ", 10)
	statuses := []string{"To Do", "Ready for Dev", "In Progress", "Needs Info", "Done"}
	for i := range o.n {
		proj := i % Projects
		id := fmt.Sprint(100000 + i)
		created := o.Start.Add(time.Duration(rnd(360*24*3600))*time.Second + time.Duration(rnd(1000))*time.Millisecond)
		is := Issue{Issue: model.Issue{ID: id, Key: fmt.Sprintf("P%d-%d", proj, i), ProjectKey: fmt.Sprintf("P%d", proj), Type: "Story",
			Status: statuses[rnd(len(statuses))], Summary: "Pay with one click", Description: desc, DescriptionSize: len(desc),
			CreatorID: author(proj), ReporterID: fmt.Sprintf("p%d", proj), Created: created, SprintIDs: []int64{int64(proj)},
			ChangelogTotal: 12}}
		if i%7 == 0 {
			is.Issue.Labels = []string{"discovery"}
		}
		if is.Issue.Status == "Done" {
			is.Issue.Resolved = created.Add(10 * 24 * time.Hour)
		}
		at := created
		for k := range 12 {
			at = at.Add(time.Duration(rnd(8*3600)) * time.Second)
			items := []model.HistoryItem{{Field: "status", FieldType: "jira", FieldID: "status", From: fmt.Sprint(k % 5), FromString: statuses[k%5],
				To: fmt.Sprint((k + 1) % 5), ToString: statuses[(k+1)%5]}}
			if k%3 == 0 {
				items = []model.HistoryItem{{Field: "description", FieldType: "jira", FieldID: "description", FromString: desc[:200], ToString: desc},
					{Field: "Rank", FieldType: "custom"}}
			}
			is.Histories = append(is.Histories, model.History{ID: fmt.Sprintf("%s-h%d", id, k), IssueID: id, AuthorID: author(proj), Created: at, Items: items})
		}
		at = created
		for k := range 8 {
			at = at.Add(time.Duration(rnd(8*3600)) * time.Second)
			c := model.Comment{ID: fmt.Sprintf("%s-c%d", id, k), IssueID: id, AuthorID: author(proj), Created: at, Body: body, BodySize: len(body)}
			if k%4 == 0 {
				c.Mentions = []string{fmt.Sprintf("p%d", proj)}
			}
			is.Comments = append(is.Comments, c)
		}
		for k := range 4 {
			s := created.Add(time.Duration(k) * 24 * time.Hour)
			is.Worklogs = append(is.Worklogs, model.Worklog{ID: fmt.Sprintf("%s-w%d", id, k), IssueID: id, AuthorID: author(proj),
				Started: s, Seconds: 1800 + rnd(7200), Created: s.Add(3 * time.Hour)})
		}
		if !yield(is) {
			return
		}
	}
}

// Activity is the whole organisation in memory, as store.LoadActivity
// would return it.
func (o *Org) Activity() *model.Activity {
	act := &model.Activity{ChangelogsComplete: true, People: o.People, Sprints: o.Sprints,
		Histories: make(map[string][]model.History, o.n), Comments: make(map[string][]model.Comment, o.n),
		Worklogs: make(map[string][]model.Worklog, o.n)}
	act.Issues = make([]model.Issue, 0, o.n)
	for is := range o.Issues {
		act.Issues = append(act.Issues, is.Issue)
		act.Histories[is.Issue.ID] = is.Histories
		act.Comments[is.Issue.ID] = is.Comments
		act.Worklogs[is.Issue.ID] = is.Worklogs
	}
	return act
}
