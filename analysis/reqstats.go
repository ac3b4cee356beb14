package analysis

import (
	"cmp"
	"math"
	"slices"
	"time"

	"github.com/roleload/roleload/model"
)

// requestClock times requests in working hours: the team's calendar,
// the cutoff and unanswered_after (hours).
type requestClock struct {
	cal     *calendar
	cutoff  int64
	after   float64
	nextDay bool // off_day_requests: next_working_day
}

// reqStats summarises the requests opened on the days [from, to) (SPEC
// §6.5). A request opened on a non-working day is in the total; it counts
// on no day, or with off_day_requests: next_working_day on the next working
// day (which may fall after the range: then on no day).
func (a requestClock) reqStats(reqs []request, from, to int) InputRequests {
	start, end := a.cal.days[from].start, a.cal.days[to-1].end
	ir := InputRequests{WorkingDays: a.cal.workingDays(from, to), PerDay: []DayCount{}}
	counts := make([]int, to-from)
	by := map[int32]int{}
	var resp []float64
	for i := range reqs {
		r := &reqs[i]
		if r.opened < start || r.opened >= end {
			continue
		}
		ir.Total++
		by[r.requester]++
		if d := a.cal.countDay(r.opened, a.nextDay); d >= from && d < to {
			counts[d-from]++
		}
		if h := a.responseHours(r); h != nil {
			resp = append(resp, *h)
		} else if a.unanswered(r) {
			ir.Unanswered++
		}
	}
	for i, n := range counts {
		if !a.cal.days[from+i].working {
			continue
		}
		ir.PerDay = append(ir.PerDay, DayCount{Date: a.cal.days[from+i].date, Count: n})
		if n > 0 {
			ir.DaysWithRequests++
		}
	}
	if ir.WorkingDays > 0 {
		ir.DailyShare = float64(ir.DaysWithRequests) / float64(ir.WorkingDays)
	}
	ir.Requesters = len(by)
	top := 0
	for _, n := range by {
		top = max(top, n)
	}
	if ir.Total > 0 {
		ir.TopRequesterShare = float64(top) / float64(ir.Total)
	}
	slices.Sort(resp)
	ir.ResponseHoursP50, ir.ResponseHoursP90 = percentile(resp, 0.5), percentile(resp, 0.9)
	return ir
}

// percentile is the nearest-rank percentile of sorted values: always one
// of the observed response times, which is what the evidence table shows.
func percentile(sorted []float64, p float64) *float64 {
	if len(sorted) == 0 {
		return nil
	}
	k := int(math.Ceil(p*float64(len(sorted)))) - 1
	v := sorted[max(0, min(k, len(sorted)-1))]
	return &v
}

// responseHours is the working hours from open to answer; nil when open.
func (a requestClock) responseHours(r *request) *float64 {
	if r.answered == 0 {
		return nil
	}
	h := float64(a.cal.workingNanos(r.opened, r.answered)) / float64(time.Hour)
	return &h
}

// unanswered: still open at the cutoff after more than unanswered_after
// working hours.
func (a requestClock) unanswered(r *request) bool {
	return r.answered == 0 && float64(a.cal.workingNanos(r.opened, a.cutoff)) > a.after*float64(time.Hour)
}

func (a requestClock) rfc3339(t int64) string {
	return time.Unix(0, t).In(a.cal.loc).Format(time.RFC3339)
}

// windowRequests lists the requests opened from winStart on, oldest first.
func (a requestClock) windowRequests(reqs []request, winStart int64, issues []model.Issue, pp *people) []Request {
	idx := []int{}
	for i := range reqs {
		if reqs[i].opened >= winStart {
			idx = append(idx, i)
		}
	}
	slices.SortStableFunc(idx, func(x, y int) int { return cmp.Compare(reqs[x].opened, reqs[y].opened) })
	out := []Request{}
	for _, i := range idx {
		r := &reqs[i]
		is := &issues[r.issue]
		q := Request{IssueKey: is.Key, Summary: is.Summary, Rule: ruleNames[r.rule],
			RequesterID: pp.list[r.requester].ID, RequesterName: pp.name(r.requester),
			Opened: a.rfc3339(r.opened), ResponseHours: a.responseHours(r), Unanswered: a.unanswered(r)}
		if r.answered != 0 {
			q.Answered, q.AnsweredByID, q.AnsweredBy = a.rfc3339(r.answered), pp.list[r.answeredBy].ID, pp.name(r.answeredBy)
		}
		out = append(out, q)
	}
	return out
}

// maxEvidence bounds the evidence table: enough to act on, short enough
// to read in an e-mail; minSlow rows are kept for the slowest answered
// requests when there are any, so slow_answers has its evidence too.
const (
	maxEvidence = 10
	minSlow     = 3
)

// evidence is the unanswered requests (oldest first), then the slowest
// answered ones, at most maxEvidence.
func evidence(reqs []Request) []Evidence {
	var un, slow []Request
	for _, r := range reqs {
		switch {
		case r.Unanswered:
			un = append(un, r)
		case r.ResponseHours != nil:
			slow = append(slow, r)
		}
	}
	slices.SortStableFunc(slow, func(x, y Request) int {
		return cmp.Compare(*y.ResponseHours, *x.ResponseHours)
	})
	un = un[:min(len(un), maxEvidence-min(minSlow, len(slow)))]
	slow = slow[:min(len(slow), maxEvidence-len(un))]
	out := []Evidence{}
	for _, r := range append(un, slow...) {
		e := Evidence{Issue: r.IssueKey, Opened: r.Opened, ResponseHours: clone(r.ResponseHours),
			Summary: r.Summary, Requester: r.RequesterName, AnsweredBy: r.AnsweredBy, Rule: r.Rule}
		if r.Answered != "" {
			s := r.Answered
			e.Answered = &s
		}
		out = append(out, e)
	}
	return out
}
