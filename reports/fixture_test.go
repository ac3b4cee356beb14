package reports

import (
	"fmt"
	"time"

	"github.com/roleload/roleload/analysis"
)

func p(v float64) *float64 { return &v }
func s(v string) *string   { return &v }

// current is a hand-built analysis of an overloaded PM: every figure is
// distinct so that the figure check can find each one.
func current() *analysis.Result {
	return &analysis.Result{
		Team: "checkout", AsOf: "2026-11-22",
		Window: analysis.Window{From: "2026-10-26", To: "2026-11-22", WorkingDays: 20},
		People: []analysis.PersonHours{{
			ID: "pm-1", Name: "Paula Martin", Role: "pm",
			Hours: analysis.Hours{StoryWriting: 58.4, Discovery: 9.7, Other: 4.2, Authoring: 31.6, Refinement: 12.3, Answering: 14.5},
			HoursRange: analysis.HoursRange{
				Low:  analysis.SplitHours{StoryWriting: 44.1, Discovery: 7.2},
				High: analysis.SplitHours{StoryWriting: 76.9, Discovery: 13.8},
			},
			DiscoveryShare: p(0.142), AfterHoursShare: p(0.27), StoryWritingHoursPerWeek: 14.6,
		}},
		InputRequests: analysis.InputRequests{
			Total: 47, DaysWithRequests: 18, WorkingDays: 20, DailyShare: 0.9,
			PerDay:     []analysis.DayCount{{Date: "2026-11-16", Count: 3}, {Date: "2026-11-17", Count: 2}},
			Requesters: 6, TopRequesterShare: 0.34,
			ResponseHoursP50: p(9.5), ResponseHoursP90: p(31.2), Unanswered: 4,
		},
		ReadyBacklogSprints: p(0.6),
		Coverage:            analysis.Coverage{PMActiveDayShare: 0.95, UnclassifiedShare: 0.08, ChangelogsComplete: true},
		Verdict: analysis.Verdict{
			Level: "hire_po", Subject: "pm",
			Signals: []analysis.Signal{
				{Name: "daily_inputs", Value: p(0.9), Threshold: 0.8, Tripped: true, Known: true},
				{Name: "slow_answers", Value: p(9.5), Threshold: 8, Tripped: true, Known: true},
				{Name: "unanswered", Value: p(4), Threshold: 3, Tripped: true, Known: true},
				{Name: "po_work_heavy", Value: p(14.6), Threshold: 12, Tripped: true, Known: true},
				{Name: "discovery_squeezed", Value: p(0.142), Threshold: 0.2, Tripped: true, Known: true},
				{Name: "after_hours", Value: p(0.27), Threshold: 0.2, Tripped: true, Known: true},
				{Name: "thin_backlog", Value: p(0.6), Threshold: 1, Tripped: true, Known: true},
			},
			Reasons: []string{
				"Engineers needed product input on 18 of 20 working days (90%), from 6 engineers.",
				"The PM answers slowly: half the requests waited more than 9.5 working hours, and 4 are unanswered.",
				"Story writing takes 14.6 Jira-visible hours a week while discovery is 14% of product time.",
			},
			Evidence: []analysis.Evidence{
				{Issue: "CHK-412", Opened: "2026-11-10T10:12:00+01:00", ResponseHours: nil,
					Summary: "Refund flow: which currency on partial refunds?", Requester: "Erik Svensson"},
				{Issue: "CHK-398", Opened: "2026-11-03T09:30:00+01:00", Answered: s("2026-11-06T16:45:00+01:00"), ResponseHours: p(26.8),
					Summary: "Card form | validation rules *unclear*", Requester: "Mia Wong", AnsweredBy: "Paula Martin"},
			},
		},
		Context: analysis.Context{EngineersPerPM: 7, Engineers: 7, StoriesCreatedByPMPerWeek: 5.5, StoriesResolvedPerWeek: 8.25, ReadyStories: 5, SprintsUsed: true},
		Weekly:  weeks(12),
		// The thresholds it was judged by, as analysis.Analyze records them.
		Thresholds: specThresholds(),
		Reliable:   true,
	}
}

// previous is the week before, for the deltas.
func previous() *analysis.Result {
	r := current()
	r.AsOf = "2026-11-15"
	r.People[0].Hours.StoryWriting, r.People[0].Hours.Discovery = 55.0, 11.2
	r.People[0].DiscoveryShare, r.People[0].AfterHoursShare = p(0.169), p(0.21)
	r.People[0].StoryWritingHoursPerWeek = 13.75
	r.InputRequests.Total, r.InputRequests.DaysWithRequests, r.InputRequests.DailyShare = 41, 16, 0.8
	r.InputRequests.ResponseHoursP50, r.InputRequests.Unanswered = p(7.0), 2
	r.ReadyBacklogSprints = p(0.9)
	return r
}

func weeks(n int) []analysis.WeekMeasures {
	end := time.Date(2026, 11, 16, 0, 0, 0, 0, time.UTC)
	out := make([]analysis.WeekMeasures, n)
	for i := range out {
		start := end.AddDate(0, 0, -7*(n-1-i))
		y, w := start.ISOWeek()
		k := float64(i)
		out[i] = analysis.WeekMeasures{
			Week: fmt.Sprintf("%d-W%02d", y, w), Start: start.Format(time.DateOnly),
			Hours:          analysis.Hours{StoryWriting: 9 + k*0.5, Discovery: 4.5 - k*0.3, Other: 1.2},
			DiscoveryShare: p((4.5 - k*0.3) / (13.5 + k*0.2)), AfterHoursShare: p(0.1 + k*0.015),
			Requests: 5 + i, DaysWithRequests: min(5, 2+i/2), WorkingDays: 5,
			ResponseHoursP50: p(3 + k*0.6), ResponseHoursP90: p(10 + k*1.8), ReadyBacklogSprints: p(2 - k*0.13),
		}
	}
	return out
}

// fixedReport is the report the golden files are made from.
func fixedReport(withCharts bool) *Report {
	r := &Report{Team: "checkout", Week: "2026-W47", Current: current(), Previous: previous(),
		JiraURL: "https://example.atlassian.net", Generated: time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)}
	if withCharts {
		cs, err := RenderCharts(r.Current.Weekly, r.Current)
		if err != nil {
			panic(err)
		}
		r.Charts = cs
	}
	return r
}
