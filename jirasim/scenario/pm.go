package scenario

import (
	"time"

	"github.com/roleload/roleload/model"
)

// The PM's work is simulated as tasks of a true length that emit the Jira
// events such work leaves. A task's text has a size of its own (what the
// story or the answer needs); the PM's habits (habits.go) decide
// how long it takes, how it is saved and what interrupts it. SPEC §6.3
// assumes 40 characters a minute; the model's other constants (base
// minutes per event) are the generator's overhead per task.
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
	a, gap := g.agendaOf(day), mins(g.taskGap())
	if start, ok := a.book(from, until, d, gap); ok {
		return start, true
	}
	// The preferred time is taken: try the same part of the day from its
	// start (the morning from 09:00, the evening from 19:00).
	h := 9
	if from.Hour() >= 18 {
		h = 19
	}
	if early := g.cal.at(day, h, 0); early.Before(from) {
		return a.book(early, until, d, gap)
	}
	return time.Time{}, false
}

func (g *gen) span(start, end time.Time, cat, sub, task, key string) {
	g.truth.Spans = append(g.truth.Spans, TrueSpan{Start: start, End: end, Category: cat, Sub: sub, Task: task, IssueKey: key})
}

// writeStory: a story of 400-1800 characters, summary and description,
// after 5 minutes of getting started. Saved in parts, it is created with
// the first and completed by description edits.
func (g *gen) writeStory(day, from, until time.Time) {
	summary := storySummary(g.r)
	chunks, ms := g.writing(5, []int{400 + g.r.IntN(1400)}, len(summary)+300)
	ts, ok := g.task(day, from, until, ms, "story_writing", "authoring", "write story")
	if !ok {
		return
	}
	desc := prose(g.r, chunks[0]-len(summary))
	epic := pick(g.r, g.epics)
	var is *model.Issue
	g.at(ts[0], func() { is = g.b.create(ts[0], g.t.pm, g.del, "Story", summary, desc, epic.Key) })
	for i, c := range chunks[1:] {
		g.at(ts[i+1], func() { g.extend(is, ts[i+1], c) })
	}
}

// extend saves c more characters of a description the PM is writing.
func (g *gen) extend(is *model.Issue, t time.Time, c int) {
	if g.openReq[is.ID] != nil {
		// Never: requests open only on work in progress at the start of a
		// day, and a task ends the day it starts. Kept so that the PM's
		// answer stays the first event after a request, whatever changes.
		return
	}
	g.b.change(is, t, g.t.pm, g.b.setDescription(is, resize(g, is.Description, c)))
}

// editStory: reworking a backlog story's description, 150-1000 characters
// changed after 3 minutes of rereading.
func (g *gen) editStory(day, from, until time.Time) {
	if len(g.backlog("To Do", "Ready for Dev")) == 0 {
		return
	}
	chunks, ms := g.writing(3, []int{150 + g.r.IntN(850)}, 60)
	ts, ok := g.task(day, from, until, ms, "story_writing", "authoring", "rework story")
	if !ok {
		return
	}
	var is *model.Issue
	g.at(ts[0], func() {
		pool := g.backlog("To Do", "Ready for Dev")
		if len(pool) == 0 {
			// Engineers took the backlog since the morning: the PM reworks an epic.
			pool = g.epics
		}
		is = pick(g.r, pool)
		g.extend(is, ts[0], chunks[0])
	})
	for i, c := range chunks[1:] {
		g.at(ts[i+1], func() { g.extend(is, ts[i+1], c) })
	}
}

// resize grows text by delta characters, or shrinks it when it would pass
// 3000; either way its length changes by exactly delta (delta <= 1350
// always fits a description of 300-3000 characters).
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
	var ms []float64
	for at := 1.0; at <= length; at += 1.5 + 4.5*g.r.Float64() {
		ms = append(ms, at)
	}
	ts, ok := g.task(day, from, until, ms, "story_writing", "refinement", "refinement session")
	if !ok {
		return
	}
	for i, t := range ts {
		g.at(t, func() { g.refineEdit(t, progress, i == 0) })
	}
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
	ms := []float64{1}
	for range edits[1:] {
		ms = append(ms, ms[len(ms)-1]+1+2*g.r.Float64())
	}
	ts, ok := g.task(day, g.cal.at(day, 9, 30), g.cal.at(day, 17, 0), ms, "story_writing", "refinement", "sprint planning")
	if !ok {
		return
	}
	for i, is := range edits {
		t := ts[i]
		g.at(t, func() { g.b.change(is, t, g.t.pm, g.b.setSprint(is, append(is.SprintIDs, sp.ID), g.sprintName)) })
	}
}

// answer: the PM reads the question and answers in a comment of 80-600
// characters, then undoes what the request changed (status, assignee,
// flag, label). Answers are written in Jira: never pasted.
func (g *gen) answer(day time.Time, req *openRequest) {
	size := 80 + g.r.IntN(520)
	ms := []float64{2 + float64(size)/g.rate()}
	undo := req.rule == "waiting_status" || req.rule == "assigned" || req.rule == "flagged" || req.rule == "input_label"
	if undo {
		ms = append(ms, ms[0]+(20+40*g.r.Float64())/60)
	}
	tp := g.planTask(ms)
	from, until := req.answerAt.Add(-tp.total), g.cal.at(day, 17, 0)
	if req.evening {
		until = g.cal.at(day, 23, 0)
	}
	// Never earlier than asked: an answer cannot come before its question.
	from = maxTime(from, req.opened.Add(time.Minute))
	start, ok := g.agendaOf(day).book(from, until, tp.total, mins(g.taskGap()))
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
	ts := g.lay(tp, start, "story_writing", "answering", "answer "+req.rule, req.issue.Key)
	body := g.b.mention[req.eng] + " " + prose(g.r, size-len(g.b.mention[req.eng])-1)
	g.at(ts[0], func() {
		g.b.comment(req.issue, ts[0], g.t.pm, body, req.eng)
		delete(g.openReq, req.issue.ID)
	})
	if undo {
		g.at(ts[1], func() { g.b.change(req.issue, ts[1], g.t.pm, g.answerItems(req, ts[1])...) })
	}
}
