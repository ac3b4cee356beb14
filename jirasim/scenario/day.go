package scenario

import (
	"math"
	"slices"
	"time"

	"github.com/roleload/roleload/model"
)

// planDay plans one calendar day. Order matters: requests reserve their
// issues before anyone else plans work on them.
func (g *gen) planDay(day time.Time) {
	if !g.cal.isWorkingDay(day) {
		holiday := g.cal.holidays[day.Format(time.DateOnly)]
		if day.Weekday() == time.Sunday && !holiday && g.r.Float64() < g.p.weekend {
			g.writeStory(day, g.cal.at(day, 19, 30), g.cal.at(day, 23, 0))
		}
		// Answers due on a day off move to the next working day.
		g.carryAnswers(day)
		return
	}
	sp := g.sprintOn(day)
	sprintStart := sp != nil && g.cal.day(sp.Start).Equal(day)
	g.planRequests(day)
	g.planDecoys(day)
	g.planEngineers(day, sprintStart)
	g.planPM(day, sp, sprintStart)
}

func (g *gen) carryAnswers(day time.Time) {
	key := day.Format(time.DateOnly)
	next := g.cal.nextDay(day)
	nk := next.Format(time.DateOnly)
	for _, req := range g.answers[key] {
		req.answerAt = g.minutes(next, 9, 5, 60)
		g.answers[nk] = append(g.answers[nk], req)
	}
	delete(g.answers, key)
}

// count turns a rate into a whole number of tasks for a day.
func (g *gen) count(rate float64) int {
	n := int(math.Floor(rate))
	if g.r.Float64() < rate-float64(n) {
		n++
	}
	return n
}

func (g *gen) planPM(day time.Time, sp *model.Sprint, sprintStart bool) {
	key := day.Format(time.DateOnly)
	for _, req := range g.answers[key] {
		g.answer(day, req)
	}
	delete(g.answers, key)
	if sprintStart {
		g.sprintPlanning(day, sp)
	}
	var tasks []func(from, until time.Time)
	for range g.count(g.p.stories) {
		tasks = append(tasks, func(f, u time.Time) { g.writeStory(day, f, u) })
	}
	for range g.count(g.p.edits) {
		tasks = append(tasks, func(f, u time.Time) { g.editStory(day, f, u) })
	}
	for range g.count(g.p.refine) {
		tasks = append(tasks, func(f, u time.Time) { g.refine(day, f, u, g.p.progress) })
	}
	for range g.count(g.p.discovery) {
		tasks = append(tasks, func(f, u time.Time) { g.discover(day, f, u) })
	}
	g.r.Shuffle(len(tasks), func(i, j int) { tasks[i], tasks[j] = tasks[j], tasks[i] })
	for _, task := range tasks {
		from, until := g.minutes(day, 9, 0, 300), g.cal.at(day, 17, 0)
		if g.r.Float64() < g.p.evening {
			from, until = g.minutes(day, 19, 0, 120), g.cal.at(day, 23, 0)
		}
		task(from, until)
	}
}

// seed is the prologue before the first sprint: the PM writes the epics,
// the first ideas and a ready backlog.
func (g *gen) seed() {
	var days []time.Time
	for d := time.Date(g.simStart.Year(), g.simStart.Month(), g.simStart.Day()-7, 0, 0, 0, 0, g.cal.loc); d.Before(g.simStart); d = g.cal.nextDay(d) {
		if g.cal.isWorkingDay(d) {
			days = append(days, d)
		}
	}
	first := days[0]
	for i, name := range []string{"Payments: saved cards", "Vouchers and promotions", "Checkout reliability"} {
		at := g.cal.at(first, 9, 20+10*i)
		g.epics = append(g.epics, g.b.create(at, g.t.pm, g.del, "Epic", fit("Epic: "+name, 30, 80), prose(g.r, 400+g.r.IntN(600)), ""))
	}
	g.discEpic = g.b.create(g.cal.at(first, 10, 0), g.t.pm, g.del, "Epic",
		fit("User research: why shoppers abandon at payment", 30, 80), prose(g.r, 600), "")
	g.discEpic.Labels = []string{"discovery"}
	for i := range 4 {
		g.ideas = append(g.ideas, g.b.create(g.cal.at(first, 10, 20+5*i), g.t.pm, g.disc, "Idea", ideaSummary(g.r), prose(g.r, 300+g.r.IntN(500)), ""))
	}
	// The morning went on the epics and ideas: no task may fall before
	// them, or it would edit an epic before it exists.
	g.agendaOf(first).book(g.cal.at(first, 9, 0), g.cal.at(first, 10, 40), 100*time.Minute, 0)
	per := (g.p.seedReady + len(days) - 1) / len(days)
	for _, d := range days {
		for range per {
			g.writeStory(d, g.minutes(d, 11, 0, 240), g.cal.at(d, 22, 0))
		}
		for range 2 {
			g.refine(d, g.minutes(d, 13, 0, 300), g.cal.at(d, 22, 30), 1)
		}
		g.runUntil(g.cal.nextDay(d))
	}
	g.runUntil(g.simStart)
}

// backlog is the PM's delivery stories not yet in work, in rank order.
func (g *gen) backlog(status ...string) []*model.Issue {
	var out []*model.Issue
	for _, is := range g.b.issues {
		if is.Type == "Story" && is.ReporterID == g.t.pm && is.AssigneeID == "" && !g.isDiscovery(is) &&
			g.openReq[is.ID] == nil && slices.Contains(status, is.Status) {
			out = append(out, is)
		}
	}
	return out
}

func (g *gen) isDiscovery(is *model.Issue) bool {
	return is.ProjectKey == g.disc.Key || slices.Contains(is.Labels, "discovery") ||
		(g.discEpic != nil && is.ParentKey == g.discEpic.Key)
}
