package analysis

import "math"

// roundResult rounds every figure to two decimals, once, at the end:
// rounding during computation would compound.
func roundResult(r *Result) {
	for i := range r.People {
		p := &r.People[i]
		roundHours(&p.Hours)
		for _, s := range []*SplitHours{&p.HoursRange.Low, &p.HoursRange.High} {
			s.StoryWriting, s.Discovery = round2(s.StoryWriting), round2(s.Discovery)
		}
		for _, s := range []*SourceHours{&p.HoursBySource.Jira, &p.HoursBySource.Calendar} {
			s.StoryWriting, s.Discovery, s.Other = round2(s.StoryWriting), round2(s.Discovery), round2(s.Other)
		}
		p.MeetingHours = round2(p.MeetingHours)
		roundPtr(p.DiscoveryShare)
		roundPtr(p.AfterHoursShare)
		p.StoryWritingHoursPerWeek = round2(p.StoryWritingHoursPerWeek)
		if c := p.Coverage; c != nil {
			c.PMActiveDayShare, c.UnclassifiedShare = round2(c.PMActiveDayShare), round2(c.UnclassifiedShare)
		}
	}
	ir := &r.InputRequests
	ir.DailyShare, ir.TopRequesterShare = round2(ir.DailyShare), round2(ir.TopRequesterShare)
	roundPtr(ir.ResponseHoursP50)
	roundPtr(ir.ResponseHoursP90)
	roundPtr(r.ReadyBacklogSprints)
	r.Coverage.PMActiveDayShare, r.Coverage.UnclassifiedShare = round2(r.Coverage.PMActiveDayShare), round2(r.Coverage.UnclassifiedShare)
	for i := range r.Verdict.Signals {
		roundPtr(r.Verdict.Signals[i].Value)
	}
	for i := range r.Requests {
		roundPtr(r.Requests[i].ResponseHours)
	}
	for i := range r.Verdict.Evidence {
		roundPtr(r.Verdict.Evidence[i].ResponseHours)
	}
	c := &r.Context
	c.EngineersPerPM, c.StoriesCreatedByPMPerWeek, c.StoriesResolvedPerWeek = round2(c.EngineersPerPM), round2(c.StoriesCreatedByPMPerWeek), round2(c.StoriesResolvedPerWeek)
	for i := range r.Weekly {
		w := &r.Weekly[i]
		roundHours(&w.Hours)
		roundHours(&w.CalendarHours)
		w.MeetingHours = round2(w.MeetingHours)
		for _, p := range []*float64{w.DiscoveryShare, w.AfterHoursShare, w.ResponseHoursP50, w.ResponseHoursP90, w.ReadyBacklogSprints} {
			roundPtr(p)
		}
	}
}

func roundHours(h *Hours) {
	for _, v := range []*float64{&h.StoryWriting, &h.Discovery, &h.Other, &h.Authoring, &h.Refinement, &h.Answering} {
		*v = round2(*v)
	}
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }

func roundPtr(p *float64) {
	if p != nil {
		*p = round2(*p)
	}
}
