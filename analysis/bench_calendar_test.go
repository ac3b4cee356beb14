package analysis

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/roleload/roleload/model"
)

// busyCalendars are a year of a busy calendar (about 2,000 occurrences:
// eight meetings a working day, interviews, refinements and stand-ups)
// for each of n people p0..p(n-1).
func busyCalendars(n int, loc *time.Location) []model.Calendar {
	rng := rand.New(rand.NewPCG(3, 4))
	start := time.Date(2025, 11, 30, 0, 0, 0, 0, loc)
	cats := []string{"discovery", "story_writing", "other", "other"}
	out := make([]model.Calendar, n)
	for p := range n {
		c := model.Calendar{Person: fmt.Sprintf("p%d", p)}
		for d := range 365 {
			day := start.AddDate(0, 0, d)
			if wd := day.Weekday(); wd == time.Saturday || wd == time.Sunday {
				continue
			}
			for k := range 8 {
				s := day.Add(time.Duration(9*60+k*55+rng.IntN(20)) * time.Minute)
				c.Occurrences = append(c.Occurrences, model.CalendarOccurrence{Start: s, End: s.Add(time.Duration(15+rng.IntN(45)) * time.Minute),
					Category: cats[rng.IntN(len(cats))], UID: fmt.Sprintf("u%d-%d", d, k)})
			}
		}
		out[p] = c
	}
	return out
}

// BenchmarkAnalyzeCalendars is the 1M-event analysis without and with
// the calendars of 20 people (the team's PM among them), in one run:
// issue 10's target is a ratio under 1.5.
func BenchmarkAnalyzeCalendars(b *testing.B) {
	loc := mustLoc(b, "Europe/Berlin")
	act, _ := bigActivity(b, loc)
	team := testTeam(loc)
	team.ProductManagers = []string{"p0"}
	team.DeliveryProjects = []string{"P0"}
	in := Input{Activity: act, Team: team, Thresholds: SpecThresholds(), TimeModel: SpecTimeModel(),
		AsOf: time.Date(2026, 11, 27, 12, 0, 0, 0, loc), Weeks: 4, HistoryWeeks: 12}
	withCal := in
	withCal.Calendars = busyCalendars(20, loc)
	once := func(in Input) time.Duration {
		t0 := time.Now()
		r, err := Analyze(in)
		if err != nil {
			b.Fatal(err)
		}
		if len(in.Calendars) > 0 && r.People[0].MeetingHours == 0 {
			b.Fatal("the calendars did not enter the analysis")
		}
		return time.Since(t0)
	}
	// The fastest of five interleaved runs each: the machine is shared.
	without, with := time.Duration(1<<62), time.Duration(1<<62)
	for b.Loop() {
		for range 5 {
			without, with = min(without, once(in)), min(with, once(withCal))
		}
	}
	b.ReportMetric(float64(without.Milliseconds()), "ms-without")
	b.ReportMetric(float64(with.Milliseconds()), "ms-with")
	b.ReportMetric(float64(with)/float64(without), "ratio")
}
