package analysis

import (
	"github.com/roleload/roleload/model"
)

// collected is what the events stage (collectEvents) hands on: the
// product people's events for the time model, the input requests, the
// backlog replay and the context counts.
type collected struct {
	// windowEvents counts human events in the window on the team's issues
	// or by its PMs and POs anywhere: without any, there is nothing to
	// report on (other teams' activity does not make a report).
	windowEvents int
	product      []sEvent // events of PMs and POs, for the time model and coverage
	engineers    []bool   // by person: active on delivery issues in the window
	requests     []request
	createdByPM  int // delivery stories created by a PM in the window
	backlog      *backlog
}

// sEvent is an event of a PM or PO, reduced to what the time model needs.
type sEvent struct {
	end    int64 // unix nanoseconds; the event's moment (a worklog's end)
	dur    int64 // worklogs only: their exact length
	person int32
	size   int32
	issue  int32 // index in Activity.Issues
	kind   Kind
	text   bool
	cat    Category
}

// collectEvents is the events stage (SPEC §6.1, §6.2, §6.4): it reads every
// live issue once, turning its records into events, the product people's
// events into sEvents, the delivery issues' events into input requests
// (detectRequests) and the stories into the backlog replay. Nothing after
// f.cutoff is read, so analysing a past window over newer data gives what
// the tool said back then. It adds authors missing from the people list
// to pp.
func collectEvents(act *model.Activity, f *frame, pp *people, class []Class, rr requestRules) collected {
	col := collected{engineers: make([]bool, len(pp.list)), backlog: newBacklog(f, act.Sprints)}
	rd := &eventReader{act: act, pp: pp, fields: fieldKinds{}}
	rr.pp, rr.fields = pp, rd.fields
	storyType := usesStoryType(act.Issues, class)
	var buf []event
	for ii := range act.Issues {
		is := &act.Issues[ii]
		if is.Deleted || is.Created.UnixNano() > f.cutoff {
			continue
		}
		cls := class[ii]
		buf = rd.issueEvents(is, buf)
		col.addEvents(rd, f, int32(ii), is, cls, storyType, buf)
		col.addWorklogs(act.Worklogs[is.ID], pp, f, int32(ii), cls)
		if cls == classDelivery {
			hs := act.Histories[is.ID]
			col.requests = detectRequests(&rr, int32(ii), is, hs, buf, f.cal.start(), f.cutoff, col.requests)
			if isStory(is, storyType) {
				col.backlog.addStory(is, hs, rd.fields, f.cutoff, f.winStart)
			}
		}
	}
	return col
}

func (col *collected) addEvents(rd *eventReader, f *frame, ii int32, is *model.Issue, cls Class, storyType bool, evs []event) {
	pp := rd.pp
	for k := range evs {
		ev := &evs[k]
		if ev.at > f.cutoff {
			break
		}
		if ev.actor < 0 || pp.role[ev.actor] == roleBot {
			continue
		}
		inWin := ev.at >= f.winStart
		if inWin && (cls != classNone || pp.isProduct(ev.actor)) {
			col.windowEvents++
		}
		switch {
		case pp.isProduct(ev.actor):
			if ev.at >= f.cal.start() {
				col.product = append(col.product, sEvent{end: ev.at, person: ev.actor, size: int32(rd.eventSize(is, ev)), issue: ii,
					kind: ev.kind, text: ev.text, cat: category(cls, ev.kind, ev.text)})
			}
			if inWin && ev.kind == kindCreate && pp.role[ev.actor] == rolePM && cls == classDelivery && isStory(is, storyType) {
				col.createdByPM++
			}
		case inWin && cls == classDelivery && pp.isEngineer(ev.actor):
			col.markEngineer(ev.actor)
		}
	}
}

// addWorklogs: a worklog is its own span; one that would end after it was
// logged (Jira defaults "started" to now) is moved to end when logged.
func (col *collected) addWorklogs(wls []model.Worklog, pp *people, f *frame, ii int32, cls Class) {
	for k := range wls {
		w := &wls[k]
		dur := int64(w.Seconds) * 1e9
		end := w.Started.UnixNano() + dur
		if !w.Created.IsZero() && end > w.Created.UnixNano() {
			end = w.Created.UnixNano()
		}
		actor := pp.author(w.AuthorID)
		if end > f.cutoff || w.Created.UnixNano() > f.cutoff || actor < 0 || pp.role[actor] == roleBot || dur <= 0 {
			continue
		}
		if end >= f.winStart && (cls != classNone || pp.isProduct(actor)) {
			col.windowEvents++
		}
		if pp.isProduct(actor) && end >= f.cal.start() {
			col.product = append(col.product, sEvent{end: end, dur: dur, person: actor, issue: ii, kind: kindWorklog, cat: category(cls, kindWorklog, false)})
		}
	}
}

// category maps an event of a PM or PO to its time category. A worklog on
// a delivery issue is authoring: time logged on a story is mostly spent
// specifying it.
func category(cls Class, kind Kind, text bool) Category {
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

func (col *collected) markEngineer(i int32) {
	for int(i) >= len(col.engineers) {
		col.engineers = append(col.engineers, false)
	}
	col.engineers[i] = true
}
