package scenario

import (
	"slices"
	"time"

	"github.com/roleload/roleload/model"
)

// Routine engineer comments carry no '?' and no mention of the PM: only
// the planned requests and decoys may look like input requests.
var routine = []string{
	"Pushed the first part of the change, PR is up for review.",
	"Deployed to staging, the happy path works end to end.",
	"Added tests for the rounding edge cases we saw last sprint.",
	"Refactored the payment adapter a bit so the retry is idempotent.",
	"Blocked for an hour on the sandbox outage, back on it now.",
	"Paired with QA on this, two small fixes pushed.",
}

func (g *gen) minutes(day time.Time, h, m, spread int) time.Time {
	return g.cal.at(day, h, m).Add(time.Duration(g.r.IntN(spread*60+1)) * time.Second)
}

// planEngineers plans each engineer's day: pick up work, log it, move it
// through review, or report a bug.
func (g *gen) planEngineers(day time.Time, sprintStart bool) {
	if g.r.Float64() < g.p.bugsPerWeek/5 {
		e := pick(g.r, g.t.engineers)
		t := g.minutes(day, 10, 0, 360)
		g.at(t, func() { g.reportBug(e, t) })
	}
	for _, e := range g.t.engineers {
		g.wip[e] = slices.DeleteFunc(g.wip[e], func(is *model.Issue) bool { return is.Status == "Done" })
		var active *model.Issue
		for _, is := range g.wip[e] {
			if g.openReq[is.ID] == nil && is.AssigneeID == e && (is.Status == "In Progress" || is.Status == "In Review") {
				active = is
				break
			}
		}
		if active == nil {
			t := g.minutes(day, 9, 15, 90)
			if sprintStart {
				t = g.minutes(day, 11, 0, 60)
			}
			g.at(t, func() { g.pickUp(e, t) })
			continue
		}
		g.planWork(day, e, active)
	}
}

func (g *gen) planWork(day time.Time, e string, is *model.Issue) {
	switch is.Status {
	case "In Progress":
		g.storyLeft[is.ID]--
		logged := g.minutes(day, 16, 30, 45)
		secs := 7200 + 600*g.r.IntN(25)
		started := logged.Add(-time.Duration(secs)*time.Second - time.Duration(g.r.IntN(600))*time.Second)
		g.at(logged, func() { g.b.worklog(is, e, started, secs, logged) })
		if g.r.IntN(4) == 0 {
			t := g.minutes(day, 11, 0, 270)
			body := pick(g.r, routine)
			g.at(t, func() { g.b.comment(is, t, e, body) })
		}
		if g.storyLeft[is.ID] <= 0 {
			t := g.minutes(day, 14, 0, 120)
			g.at(t, func() { g.b.change(is, t, e, g.b.setStatus(is, t, "In Review")...) })
		}
	case "In Review":
		rev := pick(g.r, g.t.engineers)
		for rev == e {
			rev = pick(g.r, g.t.engineers)
		}
		t1 := g.minutes(day, 10, 0, 90)
		body := "Reviewed, two small remarks in the PR, otherwise good to go."
		var mentions []string
		if g.r.IntN(3) == 0 {
			// Mentioning a fellow engineer is not a request for product input.
			body = g.b.mention[e] + " " + body
			mentions = []string{e}
		}
		g.at(t1, func() { g.b.comment(is, t1, rev, body, mentions...) })
		t2 := g.minutes(day, 12, 0, 180)
		g.at(t2, func() { g.b.change(is, t2, e, g.b.setStatus(is, t2, "Done")...) })
		t3 := t2.Add(time.Duration(20+g.r.IntN(70)) * time.Minute)
		g.at(t3, func() {
			g.b.comment(is, t3, g.t.bot, "Deployed to production in release "+t3.Format("2006.01.02")+".")
			g.b.change(is, t3, g.t.bot, g.b.addLabel(is, "deployed"))
		})
	}
}

// pickUp takes the next ready story of the running sprint, else a bug.
func (g *gen) pickUp(e string, t time.Time) {
	var next *model.Issue
	sp := g.sprintOn(g.cal.day(t))
	for _, is := range g.b.issues {
		if is.ProjectKey == g.del.Key && is.Status == "Ready for Dev" && is.AssigneeID == "" &&
			sp != nil && slices.Contains(is.SprintIDs, sp.ID) && g.openReq[is.ID] == nil {
			next = is
			break
		}
	}
	if next == nil && g.p.pullMidSprint && sp != nil {
		if ready := g.backlog("Ready for Dev"); len(ready) > 0 {
			next = ready[0]
			g.b.change(next, t, e, g.b.setSprint(next, append(next.SprintIDs, sp.ID), g.sprintName))
		}
	}
	if next == nil {
		for _, is := range g.b.issues {
			if is.Type == "Bug" && is.Status == "To Do" && is.AssigneeID == "" {
				next = is
				break
			}
		}
	}
	if next == nil {
		next = g.reportBug(e, t)
		t = t.Add(time.Duration(5+g.r.IntN(20)) * time.Minute)
	}
	items := append([]model.HistoryItem{g.b.setAssignee(next, e)}, g.b.setStatus(next, t, "In Progress")...)
	g.b.change(next, t, e, items...)
	days := g.p.storyDays[0] + g.r.IntN(g.p.storyDays[1]-g.p.storyDays[0]+1)
	g.storyLeft[next.ID] = days
	g.wip[e] = append(g.wip[e], next)
}

func (g *gen) reportBug(e string, t time.Time) *model.Issue {
	s := bugSummary(g.r)
	is := g.b.create(t, e, g.del, "Bug", s, prose(g.r, 300+g.r.IntN(900)), "")
	return is
}
