package analysis

import (
	"strings"
	"time"

	"github.com/roleload/roleload/analysis/signal"
	"github.com/roleload/roleload/model"
)

// discoveryLookback is how far before as-of a discovery issue still makes
// discovery visible (SPEC §6.6).
const discoveryLookback = int64(26 * 7 * 24 * time.Hour)

// sources is what the data holds to judge the signals by (SPEC §6.6
// unknown signals): whether discovery can be seen at all, whether the
// team's ready statuses occur, and each product person's calendars.
type sources struct {
	discoveryIssues bool // an issue in the 26 weeks before as-of is discovery (§6.2)
	readyStatus     bool // one of the team's ready_statuses occurs in the data
	calendars       map[int32][]CalendarOccurrence
}

// findSources looks for the data the signals need. A discovery issue counts
// when it overlaps the 26 weeks before the cutoff: created by then, and not
// resolved before them.
func findSources(act *model.Activity, class []Class, f *frame, pp *people, cals []Calendar) sources {
	s := sources{calendars: calendarsByPerson(cals, pp)}
	from := f.cutoff - discoveryLookback
	ready := newLowerSet(f.team.ReadyStatuses)
	for i := range act.Issues {
		is := &act.Issues[i]
		if is.Deleted {
			continue
		}
		if class[i] == classDiscovery && is.Created.UnixNano() <= f.cutoff && (is.Resolved.IsZero() || is.Resolved.UnixNano() >= from) {
			s.discoveryIssues = true
		}
		if ready.has(is.Status) {
			s.readyStatus = true
		}
		if s.discoveryIssues && s.readyStatus {
			return s
		}
	}
	if !s.readyStatus {
		// Rare (a misconfigured team): read the changelogs too.
		fields := fieldKinds{}
	scan:
		for _, hs := range act.Histories {
			for _, h := range hs {
				for k := range h.Items {
					it := &h.Items[k]
					if fields.kind(it) == fieldStatus && (ready.has(it.FromString) || ready.has(it.ToString)) {
						s.readyStatus = true
						break scan
					}
				}
			}
		}
	}
	return s
}

// calendarsByPerson gives each calendar to the person its Person names; a
// calendar naming nobody (or several people) is left out.
func calendarsByPerson(cals []Calendar, pp *people) map[int32][]CalendarOccurrence {
	out := map[int32][]CalendarOccurrence{}
	for _, c := range cals {
		if m := pp.match(c.Person); len(m) == 1 {
			out[m[0]] = append(out[m[0]], c.Occurrences...)
			if out[m[0]] == nil {
				out[m[0]] = []CalendarOccurrence{} // loaded, if empty
			}
		}
	}
	return out
}

// unknownSignals are the signals that cannot be judged on the verdict
// subjects (SPEC §6.6).
func unknownSignals(f *frame, c *cast, src sources, pts map[int32]*personTime, ir InputRequests) map[signal.Name]bool {
	out := map[signal.Name]bool{}
	calendar, active := false, false
	for _, p := range c.subjects {
		occ, ok := src.calendars[p]
		calendar = calendar || ok
		active = active || pts[p].events > 0
		for _, o := range occ {
			if o.End.UnixNano() > f.winStart && o.Start.UnixNano() < f.cutoff {
				active = true
			}
		}
	}
	if !src.discoveryIssues && !calendar {
		out[signal.DiscoverySqueezed] = true
	}
	if ir.ResponseHoursP50 == nil {
		out[signal.SlowAnswers] = true
	}
	if !src.readyStatus {
		out[signal.ThinBacklog] = true
	}
	if !active {
		out[signal.POWorkHeavy] = true
		out[signal.AfterHours] = true
	}
	return out
}

// subjectNames names the verdict subjects plainly: "Priya Shah", or
// "Priya Shah and Max Roe".
func subjectNames(c *cast) string {
	var names []string
	for _, p := range c.subjects {
		names = append(names, c.pp.name(p))
	}
	return strings.Join(names, " and ")
}
