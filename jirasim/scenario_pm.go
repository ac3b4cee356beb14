package jirasim

import (
	"time"

	"github.com/roleload/roleload/model"
)

// The PM's work is simulated as tasks of a true length that emit the Jira
// events such work leaves. Text sizes follow SPEC §6.3's writing model
// (about 40 characters a minute after a base time per event) with ±10%
// noise, so that the model is right on average but not per event.
const composeRate = 40.0

func mins(m float64) time.Duration { return time.Duration(m * float64(time.Minute)) }

func (g *gen) agendaOf(day time.Time) *agenda {
	key := day.Format(time.DateOnly)
	a := g.pmDay[key]
	if a == nil {
		a = &agenda{}
		g.pmDay[key] = a
	}
	return a
}

// book reserves a task in the PM's agenda for its day, at from or, if
// that is taken, earlier in the same part of the day.
func (g *gen) book(day, from, until time.Time, d time.Duration) (time.Time, bool) {
	a := g.agendaOf(day)
	if start, ok := a.book(from, until, d); ok {
		return start, true
	}
	// The preferred time is taken: try the same part of the day from its
	// start (the morning from 09:00, the evening from 19:00).
	h := 9
	if from.Hour() >= 18 {
		h = 19
	}
	if early := g.cal.at(day, h, 0); early.Before(from) {
		return a.book(early, until, d)
	}
	return time.Time{}, false
}

func (g *gen) span(start, end time.Time, cat, sub, task, key string) {
	g.truth.Spans = append(g.truth.Spans, TrueSpan{Start: start, End: end, Category: cat, Sub: sub, Task: task, IssueKey: key})
}

// writeStory: 15-45 minutes of writing, saved once at the end.
func (g *gen) writeStory(day, from, until time.Time) {
	d := 15 + 30*g.r.Float64()
	start, ok := g.book(day, from, until, mins(d))
	if !ok {
		return
	}
	end := start.Add(mins(d))
	size := int((d - 5) * composeRate * g.noise())
	summary := storySummary(g.r)
	desc := prose(g.r, max(300, size-len(summary)))
	epic := pick(g.r, g.epics)
	g.span(start, end, "story_writing", "authoring", "write story", "")
	g.at(end, func() { g.b.create(end, g.t.pm, g.del, "Story", summary, desc, epic.Key) })
}

// editStory: 8-25 minutes reworking a backlog story's description.
func (g *gen) editStory(day, from, until time.Time) {
	if len(g.backlog("To Do", "Ready for Dev")) == 0 {
		return
	}
	d := 8 + 17*g.r.Float64()
	start, ok := g.book(day, from, until, mins(d))
	if !ok {
		return
	}
	end := start.Add(mins(d))
	delta := int((d - 3) * composeRate * g.noise())
	g.span(start, end, "story_writing", "authoring", "rework story", "")
	g.at(end, func() {
		pool := g.backlog("To Do", "Ready for Dev")
		if len(pool) == 0 {
			// Engineers took the backlog since the morning: the PM reworks an epic.
			pool = g.epics
		}
		is := pick(g.r, pool)
		g.b.change(is, end, g.t.pm, g.b.setDescription(is, resize(g, is.Description, delta)))
	})
}

// resize grows text by delta characters, or shrinks it when it would pass
// 3000; either way its length changes by exactly delta.
func resize(g *gen, s string, delta int) string {
	if len(s)+delta <= 3000 || len(s)-delta < 300 {
		return s + "\n\n" + prose(g.r, delta-2)
	}
	return s[:len(s)-delta]
}

// refine: a 30-90 minute session of small field edits a few minutes
// apart. progress is the share of edits that move a story towards ready.
func (g *gen) refine(day, from, until time.Time, progress float64) {
	length := 30 + 60*g.r.Float64()
	start, ok := g.book(day, from, until, mins(length))
	if !ok {
		return
	}
	at := start.Add(time.Minute)
	var last time.Time
	for i := 0; !at.After(start.Add(mins(length))); i++ {
		t, first := at, i == 0
		g.at(t, func() { g.refineEdit(t, progress, first) })
		last = t
		at = at.Add(mins(1.5 + 4.5*g.r.Float64()))
	}
	g.span(start, last, "story_writing", "refinement", "refinement session", "")
}

func (g *gen) refineEdit(t time.Time, progress float64, first bool) {
	todo := g.backlog("To Do")
	if g.r.Float64() < progress && len(todo) > 0 {
		is := todo[0]
		if is.StoryPoints == nil {
			g.b.change(is, t, g.t.pm, g.b.setPoints(is, pick(g.r, []float64{1, 2, 3, 5, 8})))
			return
		}
		if !first {
			g.b.change(is, t, g.t.pm, g.b.setStatus(is, t, "Ready for Dev")...)
			return
		}
	}
	pool := g.backlog("To Do", "Ready for Dev")
	if len(pool) == 0 {
		// Engineers took the whole backlog today: the PM reorders epics.
		pool = g.epics
	}
	is := pick(g.r, pool)
	var it model.HistoryItem
	switch g.r.IntN(4) {
	case 0:
		it = g.b.rank(is, g.r.IntN(2) == 0)
	case 1:
		it = g.b.setPriority(is, pick(g.r, priorities[:4]))
	case 2:
		it = g.b.setPoints(is, pick(g.r, []float64{1, 2, 3, 5, 8, 13}))
	default:
		it = g.b.setLabels(is, []string{pick(g.r, []string{"frontend", "backend", "api", "ux", "payments"})})
	}
	g.b.change(is, t, g.t.pm, it)
}

// sprintPlanning: the PM carries unfinished work over and pulls ready
// stories into the new sprint, one quick edit each.
func (g *gen) sprintPlanning(day time.Time, sp *model.Sprint) {
	var edits []*model.Issue
	for _, is := range g.b.issues {
		if is.ProjectKey == g.del.Key && is.Status != "Done" && len(is.SprintIDs) > 0 &&
			is.SprintIDs[len(is.SprintIDs)-1] != sp.ID && g.openReq[is.ID] == nil && !g.isDiscovery(is) {
			edits = append(edits, is)
		}
	}
	ready := g.backlog("Ready for Dev")
	pulled := 0
	for _, is := range ready {
		if pulled < g.p.sprintPull && len(is.SprintIDs) == 0 {
			edits = append(edits, is)
			pulled++
		}
	}
	if len(edits) == 0 {
		return
	}
	gaps := make([]time.Duration, len(edits))
	total := time.Minute
	for i := range gaps[1:] {
		gaps[i+1] = mins(1 + 2*g.r.Float64())
		total += gaps[i+1]
	}
	start, ok := g.book(day, g.cal.at(day, 9, 30), g.cal.at(day, 17, 0), total)
	if !ok {
		return
	}
	at := start.Add(time.Minute)
	for i, is := range edits {
		at = at.Add(gaps[i])
		t := at
		g.at(t, func() { g.b.change(is, t, g.t.pm, g.b.setSprint(is, append(is.SprintIDs, sp.ID), g.sprintName)) })
	}
	g.span(start, at, "story_writing", "refinement", "sprint planning", "")
}

// answer: the PM reads the question and answers in a comment, then undoes
// what the request changed (status, assignee, flag, label).
func (g *gen) answer(day time.Time, req *openRequest) {
	d := 5 + 13*g.r.Float64()
	from, until := req.answerAt.Add(-mins(d)), g.cal.at(day, 17, 0)
	if req.evening {
		until = g.cal.at(day, 23, 0)
	}
	from = maxTime(from, req.opened.Add(time.Minute))
	// Never earlier than asked: an answer cannot come before its question.
	start, ok := g.agendaOf(day).book(from, until, mins(d+1))
	if !ok {
		next := g.cal.nextDay(day)
		for !g.cal.isWorkingDay(next) {
			next = g.cal.nextDay(next)
		}
		req.answerAt, req.evening = g.minutes(next, 9, 5, 60), false
		key := next.Format(time.DateOnly)
		g.answers[key] = append(g.answers[key], req)
		return
	}
	end := start.Add(mins(d))
	size := int((d - 2) * composeRate * g.noise())
	body := g.b.mention[req.eng] + " " + prose(g.r, size-len(g.b.mention[req.eng])-1)
	undoAt := end.Add(time.Duration(20+g.r.IntN(40)) * time.Second)
	g.at(end, func() {
		g.b.comment(req.issue, end, g.t.pm, body, req.eng)
		delete(g.openReq, req.issue.ID)
	})
	spanEnd := end
	if req.rule == "waiting_status" || req.rule == "assigned" || req.rule == "flagged" || req.rule == "input_label" {
		spanEnd = undoAt
		g.at(undoAt, func() { g.b.change(req.issue, undoAt, g.t.pm, g.answerItems(req, undoAt)...) })
	}
	g.span(start, spanEnd, "story_writing", "answering", "answer "+req.rule, req.issue.Key)
}
