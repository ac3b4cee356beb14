package scenario

import (
	"slices"
	"time"
)

// finishTruth measures the truth over the window: the PM's task time, the
// requests with their answers as the data shows them (the PM's first
// later event on the issue), and the §6.6 signals on those figures.
func (g *gen) finishTruth(ds *Dataset) {
	tr := g.truth
	from, to := g.windowFrom, g.cal.nextDay(g.asOf)
	end := minTime(to, ds.End)
	// Work planned past End never left its events: it did not happen.
	tr.Spans = slices.DeleteFunc(tr.Spans, func(s TrueSpan) bool { return s.End.After(ds.End) })
	tr.InputRequests = slices.DeleteFunc(tr.InputRequests, func(r TrueRequest) bool { return !r.Opened.Before(ds.End) })
	tr.Decoys = slices.DeleteFunc(tr.Decoys, func(d Decoy) bool { return !d.At.Before(ds.End) })

	pmEvents := map[string][]time.Time{} // by issue key
	for _, is := range ds.Issues {
		if is.CreatorID == g.t.pm {
			pmEvents[is.Key] = append(pmEvents[is.Key], is.Created)
		}
		for _, h := range ds.Histories[is.ID] {
			if h.AuthorID == g.t.pm {
				pmEvents[is.Key] = append(pmEvents[is.Key], h.Created)
			}
		}
		for _, c := range ds.Comments[is.ID] {
			if c.AuthorID == g.t.pm {
				pmEvents[is.Key] = append(pmEvents[is.Key], c.Created)
			}
		}
		slices.SortFunc(pmEvents[is.Key], time.Time.Compare)
	}
	for i := range tr.InputRequests {
		req := &tr.InputRequests[i]
		for _, t := range pmEvents[req.IssueKey] {
			if t.After(req.Opened) {
				req.Answered = t
				break
			}
		}
	}

	tr.Hours = map[string]float64{"story_writing": 0, "discovery": 0, "other": 0, "authoring": 0, "refinement": 0, "answering": 0}
	var total, after time.Duration
	for _, s := range tr.Spans {
		a, b := maxTime(s.Start, from), minTime(s.End, to)
		if !b.After(a) {
			continue
		}
		tr.Hours[s.Category] += b.Sub(a).Hours()
		if s.Sub != "" {
			tr.Hours[s.Sub] += b.Sub(a).Hours()
		}
		total += b.Sub(a)
		after += b.Sub(a) - g.cal.inWorkingHours(a, b)
	}
	if sw, d := tr.Hours["story_writing"], tr.Hours["discovery"]; sw+d > 0 {
		tr.DiscoveryShare = d / (sw + d)
	}
	if total > 0 {
		tr.AfterHoursShare = after.Hours() / total.Hours()
	}
	tr.StoryWritingHoursPerWeek = tr.Hours["story_writing"] / float64(tr.Weeks)

	for d := from; d.Before(to); d = g.cal.nextDay(d) {
		if g.cal.isWorkingDay(d) {
			tr.WorkingDays++
		}
	}
	days, people := map[string]bool{}, map[string]bool{}
	var resp []float64
	for _, req := range tr.InputRequests {
		if req.Opened.Before(from) || !req.Opened.Before(to) {
			continue
		}
		days[g.cal.day(req.Opened).Format(time.DateOnly)] = true
		people[req.Requester] = true
		switch {
		case !req.Answered.IsZero() && req.Answered.Before(end):
			wh := g.cal.workingHours(req.Opened, req.Answered)
			resp = append(resp, wh)
			if wh > 16 {
				tr.AnsweredLate++
			}
		case g.cal.workingHours(req.Opened, end) > 16:
			tr.Unanswered++
		}
	}
	tr.DaysWithRequests, tr.Requesters = len(days), len(people)
	if tr.WorkingDays > 0 {
		tr.DailyShare = float64(tr.DaysWithRequests) / float64(tr.WorkingDays)
	}
	tr.ResponseP50 = median(resp)

	resolved := 0
	for _, is := range ds.Issues {
		if is.ProjectKey != g.del.Key || is.Type != "Story" {
			continue
		}
		if is.Status == "Ready for Dev" {
			tr.ReadyAtEnd++
		}
		if !is.Resolved.IsZero() && !is.Resolved.Before(from) && is.Resolved.Before(to) {
			resolved++
		}
	}
	tr.StoriesResolvedPerSprint = float64(resolved) / (float64(tr.Weeks) / 2)
	if tr.StoriesResolvedPerSprint > 0 {
		tr.ReadyBacklogSprints = float64(tr.ReadyAtEnd) / tr.StoriesResolvedPerSprint
	}
	tr.Signals, tr.Verdict = verdictOf(tr)
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
