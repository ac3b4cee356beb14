package analysis

import (
	"strings"

	"github.com/roleload/roleload/model"
)

// Rules of SPEC §6.4 that open an input request.
const (
	ruleNone uint8 = iota
	ruleMention
	ruleQuestion
	ruleWaiting
	ruleAssigned
	ruleFlagged
	ruleLabel
)

var ruleNames = [...]string{"", "mention", "question", "waiting_status", "assigned", "flagged", "input_label"}

// request is one input request; answered is 0 while it is open at the
// cutoff.
type request struct {
	issue      int32
	rule       uint8
	requester  int32
	opened     int64
	answered   int64
	answeredBy int32
}

// openBefore marks a request opened before the calendar's range: it is not
// counted, but it still keeps the issue from opening another.
const openBefore = -2

// trackRequests runs the §6.4 state machine over one delivery issue's
// events: an engineer's event that matches a rule opens a request unless
// one is open; the next comment, edit or transition of a PM or PO answers
// it (worklogs are bookkeeping, not answers, and are not in evs).
func (a *analysis) trackRequests(ii int32, is *model.Issue, evs []event) {
	assignee := a.initialAssignee(is)
	reporter := a.pp.lookup(is.ReporterID)
	open := -1
	for k := range evs {
		ev := &evs[k]
		if ev.at > a.cutoff {
			break
		}
		before := assignee
		if ev.h != nil {
			assignee = a.assigneeAfter(ev.h, assignee)
		}
		if ev.actor < 0 || a.pp.role[ev.actor] == roleBot {
			continue
		}
		if a.pp.isProduct(ev.actor) {
			if open >= 0 {
				a.requests[open].answered, a.requests[open].answeredBy = ev.at, ev.actor
			}
			open = -1
			continue
		}
		if open != -1 || !a.pp.isEngineer(ev.actor) {
			continue
		}
		rule := a.requestRule(ev, reporter, before)
		switch {
		case rule == ruleNone:
		case ev.at < a.cal.start():
			open = openBefore
		default:
			a.requests = append(a.requests, request{issue: ii, rule: rule, requester: ev.actor, opened: ev.at, answeredBy: -1})
			open = len(a.requests) - 1
		}
	}
}

// requestRule returns the first rule the event matches, or ruleNone.
func (a *analysis) requestRule(ev *event, reporter, assignee int32) uint8 {
	if c := ev.c; c != nil {
		for _, m := range c.Mentions {
			if a.pp.isProduct(a.pp.lookup(m)) {
				return ruleMention
			}
		}
		if (a.pp.isProduct(reporter) || a.pp.isProduct(assignee)) && hasQuestion(c.Body) {
			return ruleQuestion
		}
		return ruleNone
	}
	if ev.h == nil {
		return ruleNone
	}
	for k := range ev.h.Items {
		it := &ev.h.Items[k]
		switch a.fields.kind(it) {
		case fieldStatus:
			if a.waiting.has(it.ToString) {
				return ruleWaiting
			}
		case fieldAssignee:
			if a.pp.isProduct(a.user(it.To, it.ToString)) {
				return ruleAssigned
			}
		case fieldFlagged:
			if strings.TrimSpace(it.ToString) != "" {
				return ruleFlagged
			}
		case fieldLabels:
			if a.gainsInputLabel(it.FromString, it.ToString) {
				return ruleLabel
			}
		}
	}
	return ruleNone
}

// user resolves a changelog user value: an accountId (Cloud) or username
// (Server) in id, the display name in name.
func (a *analysis) user(id, name string) int32 {
	if i := a.pp.lookup(id); i >= 0 {
		return i
	}
	return a.pp.lookup(name)
}

// initialAssignee is the assignee when the issue was created: the "from"
// of its first assignee change, else the current one.
func (a *analysis) initialAssignee(is *model.Issue) int32 {
	for _, h := range a.act.Histories[is.ID] {
		for k := range h.Items {
			if it := &h.Items[k]; a.fields.kind(it) == fieldAssignee {
				return a.user(it.From, it.FromString)
			}
		}
	}
	return a.pp.lookup(is.AssigneeID)
}

func (a *analysis) assigneeAfter(h *model.History, cur int32) int32 {
	for k := range h.Items {
		if it := &h.Items[k]; a.fields.kind(it) == fieldAssignee {
			cur = a.user(it.To, it.ToString)
		}
	}
	return cur
}

// gainsInputLabel reports an input label in to that was not in from (Jira
// writes label lists space-separated).
func (a *analysis) gainsInputLabel(from, to string) bool {
	had := strings.Fields(from)
	for _, l := range strings.Fields(to) {
		if a.inputLabels.has(l) && !containsFold(had, l) {
			return true
		}
	}
	return false
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}
