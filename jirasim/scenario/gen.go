package scenario

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"strconv"
	"time"

	"github.com/roleload/roleload/model"
)

// gen is one run of the generator: a day-by-day simulation of a team.
// Each day first plans what people will do (requests, the engineers'
// work, the PM's tasks), then runs the planned actions in time order, so
// every issue changes in time order and its histories chain.
type gen struct {
	p     profile
	opts  Options
	r     *rand.Rand
	cal   calendar
	b     *builder
	t     team
	del   model.Project
	disc  model.Project
	truth *Truth
	h     Habits // the PM's

	windowFrom, asOf, simStart time.Time
	sprints                    []model.Sprint
	sprintName                 map[int64]string
	queue                      []action
	seq                        int
	pmDay                      map[string]*agenda

	epics, ideas []*model.Issue
	discEpic     *model.Issue
	openReq      map[string]*openRequest // by issue ID, from planning to answer
	wip          map[string][]*model.Issue
	storyLeft    map[string]int // working days of work left, by issue ID
	answers      map[string][]*openRequest
}

type action struct {
	at  time.Time
	seq int
	do  func()
}

// at plans f to run at t.
func (g *gen) at(t time.Time, f func()) {
	g.seq++
	g.queue = append(g.queue, action{at: t, seq: g.seq, do: f})
}

func (g *gen) runUntil(end time.Time) {
	slices.SortFunc(g.queue, func(a, b action) int { return cmp.Or(a.at.Compare(b.at), cmp.Compare(a.seq, b.seq)) })
	n := 0
	for n < len(g.queue) && g.queue[n].at.Before(end) {
		g.queue[n].do()
		n++
	}
	g.queue = slices.Delete(g.queue, 0, n)
}

func generate(name string, p profile, opts Options, loc *time.Location) *Dataset {
	g := &gen{
		p: p, opts: opts, r: rand.New(rand.NewPCG(uint64(opts.Seed), 0x726f6c656c6f6164)),
		cal: calendar{loc: loc, holidays: map[string]bool{}}, sprintName: map[int64]string{},
		pmDay: map[string]*agenda{}, openReq: map[string]*openRequest{}, wip: map[string][]*model.Issue{},
		storyLeft: map[string]int{}, answers: map[string][]*openRequest{},
	}
	g.h = p.habits
	if opts.Habits != nil {
		g.h = *opts.Habits
	}
	g.asOf = g.cal.day(opts.End)
	g.windowFrom = time.Date(g.asOf.Year(), g.asOf.Month(), g.asOf.Day()-7*opts.Weeks+1, 0, 0, 0, 0, loc)
	// Two weeks of prologue fill the backlog before the window opens.
	g.simStart = time.Date(g.windowFrom.Year(), g.windowFrom.Month(), g.windowFrom.Day()-14, 0, 0, 0, 0, loc)
	for g.simStart.Weekday() != time.Monday {
		g.simStart = g.cal.nextDay(g.simStart)
	}
	var holidays []string
	if p.holiday {
		h := time.Date(g.asOf.Year(), g.asOf.Month(), g.asOf.Day()-9, 0, 0, 0, 0, loc)
		for !g.cal.isWorkingDay(h) {
			h = g.cal.nextDay(h)
		}
		g.cal.holidays[h.Format(time.DateOnly)] = true
		holidays = append(holidays, h.Format(time.DateOnly))
	}
	g.t = newTeam(g.r, opts.Flavor, p.engineers)
	g.b = newBuilder(opts.Flavor, g.t.people)
	g.del = model.Project{ID: "10000", Key: "CHK", Name: "Checkout", Type: "software"}
	g.disc = model.Project{ID: "10001", Key: "DISC", Name: "Checkout Discovery", Type: "product_discovery"}
	g.truth = &Truth{PM: g.t.pm, AsOf: g.asOf, Weeks: opts.Weeks, WindowFrom: g.windowFrom, Habits: g.h}
	g.makeSprints(opts.End)

	g.seed()
	if p.load {
		// Load needs volume and shape, not a story: the prologue's backlog,
		// then self-contained issues up to the count asked for.
		g.bulk(opts.Issues - len(g.b.issues))
		g.edgeIssues()
	} else {
		for day := g.simStart; day.Before(opts.End); day = g.cal.nextDay(day) {
			g.planDay(day)
			g.runUntil(minTime(g.cal.nextDay(day), opts.End))
		}
	}
	ds := g.dataset(name, holidays)
	if p.truth {
		g.finishTruth(ds)
		ds.Truth = g.truth
	}
	return ds
}

// makeSprints lays two-week sprints from the start of the simulation,
// the last one still active at End.
func (g *gen) makeSprints(end time.Time) {
	for i, s := 0, g.simStart; s.Before(end); i, s = i+1, time.Date(s.Year(), s.Month(), s.Day()+14, 0, 0, 0, 0, g.cal.loc) {
		sp := model.Sprint{
			ID: int64(i + 1), BoardID: 1, Name: "CHK Sprint " + strconv.Itoa(i+1),
			Start: g.cal.at(s, 9, 30), End: g.cal.at(time.Date(s.Year(), s.Month(), s.Day()+11, 0, 0, 0, 0, g.cal.loc), 17, 0),
		}
		sp.State = "closed"
		sp.Complete = sp.End
		if !sp.End.Before(end) {
			sp.State, sp.Complete = "active", time.Time{}
		}
		g.sprints = append(g.sprints, sp)
		g.sprintName[sp.ID] = sp.Name
	}
}

// sprintOn is the sprint running on day (nil before the first).
func (g *gen) sprintOn(day time.Time) *model.Sprint {
	for i := range g.sprints {
		if !day.Before(g.cal.day(g.sprints[i].Start)) && (i == len(g.sprints)-1 || day.Before(g.cal.day(g.sprints[i+1].Start))) {
			return &g.sprints[i]
		}
	}
	return nil
}

func (g *gen) dataset(name string, holidays []string) *Dataset {
	ds := &Dataset{
		Name: name, Projects: []model.Project{g.del, g.disc}, People: g.t.people, APIUser: g.t.apiUser,
		Histories: g.b.hists, Comments: g.b.comments, Worklogs: g.b.worklogs, Sprints: g.sprints,
		Boards: []Board{{ID: 1, Name: "CHK board", ProjectKey: "CHK", Type: "scrum"}},
		End:    g.opts.End,
		Team: TeamSpec{
			Name: "checkout", Timezone: teamTZ, WorkingHours: "09:00-17:00", Holidays: holidays,
			ProductManagers: []string{g.t.pm}, Engineers: slices.Clone(g.t.engineers), Bots: []string{g.t.bot},
			DeliveryProjects: []string{"CHK"}, DiscoveryProjects: []string{"DISC"},
		},
	}
	ds.Start = g.opts.End
	ds.Issues = make([]model.Issue, 0, len(g.b.issues))
	for _, is := range g.b.issues {
		is.ChangelogTotal = len(g.b.hists[is.ID])
		ds.Issues = append(ds.Issues, *is)
		ds.Start = minTime(ds.Start, is.Created)
	}
	ds.Start = g.cal.day(ds.Start)
	return ds
}
