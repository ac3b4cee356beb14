package analysis

import (
	"strings"

	"github.com/roleload/roleload/model"
)

// Rule is the rule of SPEC §6.4 that opened an input request.
type Rule uint8

// Rules of SPEC §6.4 that open an input request.
const (
	ruleNone Rule = iota
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
	rule       Rule
	requester  int32
	opened     int64
	answered   int64
	answeredBy int32
}

// openBefore marks a request opened before the calendar's range: it is not
// counted, but it still keeps the issue from opening another.
const openBefore = -2

// requestRules is what the rules of SPEC §6.4 read: who is who, the
// changelog field kinds, and the team's waiting statuses and input labels.
type requestRules struct {
	pp                   *people
	fields               fieldKinds
	waiting, inputLabels lowerSet
}

func newRequestRules(t Team) requestRules {
	return requestRules{waiting: newLowerSet(t.WaitingStatuses), inputLabels: newLowerSet(t.InputLabels)}
}

// detectRequests is the requests stage: it runs the §6.4 state machine over
// one delivery issue's events (issue index ii, changelog hs) and appends
// the requests opened from `from` up to the cutoff to out. An engineer's
// event that matches a rule opens a request unless one is open; the next
// comment, edit or transition of a PM or PO answers it (worklogs are
// bookkeeping, not answers, and are not in evs).
func detectRequests(a *requestRules, ii int32, is *model.Issue, hs []model.History, evs []event, from, cutoff int64, out []request) []request {
	assignee := a.initialAssignee(is, hs)
	reporter := a.pp.lookup(is.ReporterID)
	open := -1
	for k := range evs {
		ev := &evs[k]
		if ev.at > cutoff {
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
				out[open].answered, out[open].answeredBy = ev.at, ev.actor
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
		case ev.at < from:
			open = openBefore
		default:
			out = append(out, request{issue: ii, rule: rule, requester: ev.actor, opened: ev.at, answeredBy: -1})
			open = len(out) - 1
		}
	}
	return out
}

// requestRule returns the first rule the event matches, or ruleNone.
func (a *requestRules) requestRule(ev *event, reporter, assignee int32) Rule {
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
func (a *requestRules) user(id, name string) int32 {
	if i := a.pp.lookup(id); i >= 0 {
		return i
	}
	return a.pp.lookup(name)
}

// initialAssignee is the assignee when the issue was created: the "from"
// of its first assignee change, else the current one.
func (a *requestRules) initialAssignee(is *model.Issue, hs []model.History) int32 {
	for _, h := range hs {
		for k := range h.Items {
			if it := &h.Items[k]; a.fields.kind(it) == fieldAssignee {
				return a.user(it.From, it.FromString)
			}
		}
	}
	return a.pp.lookup(is.AssigneeID)
}

func (a *requestRules) assigneeAfter(h *model.History, cur int32) int32 {
	for k := range h.Items {
		if it := &h.Items[k]; a.fields.kind(it) == fieldAssignee {
			cur = a.user(it.To, it.ToString)
		}
	}
	return cur
}

// gainsInputLabel reports an input label in to that was not in from (Jira
// writes label lists space-separated).
func (a *requestRules) gainsInputLabel(from, to string) bool {
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
