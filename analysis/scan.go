package analysis

import (
	"github.com/roleload/roleload/model"
)

// scanned is what the single pass over the issues collects.
type scanned struct {
	// windowEvents counts human events in the window on the team's issues
	// or by its PMs and POs anywhere: without any, there is nothing to
	// report on (other teams' activity does not make a report).
	windowEvents int
	sev          []sEvent // events of PMs and POs, for the time model and coverage
	engineers    []bool   // by person: active on delivery issues in the window
	requests     []request

	createdByPM      int // delivery stories created by a PM in the window
	resolvedInWindow int
	backlog
}

// sEvent is an event of a PM or PO, reduced to what the time model needs.
type sEvent struct {
	end    int64 // unix nanoseconds; the event's moment (a worklog's end)
	dur    int64 // worklogs only: their exact length
	person int32
	size   int32
	kind   uint8
	text   bool
	cat    uint8
}

// scan reads every live issue once: its events, worklogs, requests and
// backlog state. Nothing after the cutoff is read, so analysing a past
// window over newer data gives what the tool said back then.
func (a *analysis) scan() {
	a.engineers = make([]bool, len(a.pp.list))
	a.initBacklog()
	var buf []event
	for ii := range a.act.Issues {
		is := &a.act.Issues[ii]
		if is.Deleted || is.Created.UnixNano() > a.cutoff {
			continue
		}
		cls := a.class[ii]
		buf = a.issueEvents(is, buf)
		a.scanEvents(is, cls, buf)
		a.scanWorklogs(is, cls)
		if cls == classDelivery {
			a.trackRequests(int32(ii), is, buf)
			if isStory(is, a.storyType) {
				a.scanStory(is)
			}
		}
	}
}

func (a *analysis) scanEvents(is *model.Issue, cls uint8, evs []event) {
	for k := range evs {
		ev := &evs[k]
		if ev.at > a.cutoff {
			break
		}
		if ev.actor < 0 || a.pp.role[ev.actor] == roleBot {
			continue
		}
		inWin := ev.at >= a.winStart
		if inWin && (cls != classNone || a.pp.isProduct(ev.actor)) {
			a.windowEvents++
		}
		switch {
		case a.pp.isProduct(ev.actor):
			if ev.at >= a.cal.start() {
				a.sev = append(a.sev, sEvent{end: ev.at, person: ev.actor, size: int32(a.eventSize(is, ev)),
					kind: ev.kind, text: ev.text, cat: category(cls, ev.kind, ev.text)})
			}
			if inWin && ev.kind == kindCreate && a.pp.role[ev.actor] == rolePM && cls == classDelivery && isStory(is, a.storyType) {
				a.createdByPM++
			}
		case inWin && cls == classDelivery && a.pp.isEngineer(ev.actor):
			a.markEngineer(ev.actor)
		}
	}
}

// scanWorklogs: a worklog is its own span; one that would end after it was
// logged (Jira defaults "started" to now) is moved to end when logged.
func (a *analysis) scanWorklogs(is *model.Issue, cls uint8) {
	for k := range a.act.Worklogs[is.ID] {
		w := &a.act.Worklogs[is.ID][k]
		dur := int64(w.Seconds) * 1e9
		end := w.Started.UnixNano() + dur
		if !w.Created.IsZero() && end > w.Created.UnixNano() {
			end = w.Created.UnixNano()
		}
		actor := a.pp.author(w.AuthorID)
		if end > a.cutoff || w.Created.UnixNano() > a.cutoff || actor < 0 || a.pp.role[actor] == roleBot || dur <= 0 {
			continue
		}
		if end >= a.winStart && (cls != classNone || a.pp.isProduct(actor)) {
			a.windowEvents++
		}
		if a.pp.isProduct(actor) && end >= a.cal.start() {
			a.sev = append(a.sev, sEvent{end: end, dur: dur, person: actor, kind: kindWorklog, cat: category(cls, kindWorklog, false)})
		}
	}
}

// category maps an event of a PM or PO to its time category. A worklog on
// a delivery issue is authoring: time logged on a story is mostly spent
// specifying it.
func category(cls, kind uint8, text bool) uint8 {
	switch {
	case cls == classDiscovery:
		return catDiscovery
	case cls != classDelivery:
		return catOther
	case kind == kindCreate || kind == kindWorklog || text:
		return catAuthoring
	case kind == kindEdit:
		return catRefinement
	}
	return catAnswering
}

func (a *analysis) markEngineer(i int32) {
	for int(i) >= len(a.engineers) {
		a.engineers = append(a.engineers, false)
	}
	a.engineers[i] = true
}
