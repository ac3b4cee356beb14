package analysis_test

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/roleload/roleload/analysis"
	"github.com/roleload/roleload/analysis/signal"
	"github.com/roleload/roleload/internal/smallteam"
)

// The window of these tests: four weeks ending Friday 2026-11-27 (UTC),
// so the analysis reads from winStart up to cutoff, the end of that day.
var (
	winStart = time.Date(2026, 10, 31, 0, 0, 0, 0, time.UTC)
	cutoff   = time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)
	lookback = 26 * 7 * 24 * time.Hour // a discovery issue counts when it overlaps the 26 weeks before the cutoff
)

// sourcesActivity is internal/smallteam's activity, on which every
// signal can be judged, with its team. Each case takes one of its
// sources away or moves it to an edge of the window.
func sourcesActivity() analysis.Input {
	team := analysis.SpecTeam("checkout", time.UTC)
	team.ProductManagers, team.DeliveryProjects, team.Discovery.Projects = []string{"Priya Shah"}, []string{"ABC"}, []string{"DISC"}
	return analysis.Input{Activity: smallteam.Activity(), Team: team, Thresholds: analysis.SpecThresholds(), TimeModel: analysis.SpecTimeModel(),
		AsOf: time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC), Weeks: 4, HistoryWeeks: 12}
}

// meeting is an hour-long calendar occurrence of the PM's.
func meeting(start time.Time, d time.Duration) []analysis.Calendar {
	return []analysis.Calendar{{Person: "priya@example.com", Occurrences: []analysis.CalendarOccurrence{
		{Start: start, End: start.Add(d), Category: "other", Title: "sync"}}}}
}

// TestUnknownSignalsAtTheEdges: a signal is unknown exactly when the data
// it needs is missing (SPEC §6.6), and what "missing" means is decided at
// the window's edges to the nanosecond. Unknown signals have no value, a
// reason, and are counted in the verdict.
func TestUnknownSignalsAtTheEdges(t *testing.T) {
	pmIdle := func(in *analysis.Input) {
		in.Activity.Issues[1].Created = time.Date(2026, 10, 1, 10, 0, 0, 0, time.UTC)
		in.Activity.Comments["2"] = in.Activity.Comments["2"][:1]
	}
	idleUnknown := []signal.Name{signal.SlowAnswers, signal.POWorkHeavy, signal.AfterHours}
	tests := []struct {
		name    string
		change  func(in *analysis.Input)
		unknown []signal.Name
	}{
		{"everything visible", func(*analysis.Input) {}, nil},
		{"no discovery issue, no calendar", func(in *analysis.Input) { in.Activity.Issues = in.Activity.Issues[1:] }, []signal.Name{signal.DiscoverySqueezed}},
		{"discovery issue created exactly at the cutoff counts", func(in *analysis.Input) { in.Activity.Issues[0].Created = cutoff }, nil},
		{"discovery issue created just after the cutoff does not", func(in *analysis.Input) {
			in.Activity.Issues[0].Created = cutoff.Add(time.Nanosecond)
		}, []signal.Name{signal.DiscoverySqueezed}},
		{"discovery issue resolved exactly 26 weeks before the cutoff counts", func(in *analysis.Input) {
			in.Activity.Issues[0].Created = cutoff.Add(-lookback - time.Hour)
			in.Activity.Issues[0].Resolved = cutoff.Add(-lookback)
		}, nil},
		{"discovery issue resolved just before the 26 weeks does not", func(in *analysis.Input) {
			in.Activity.Issues[0].Created = cutoff.Add(-lookback - time.Hour)
			in.Activity.Issues[0].Resolved = cutoff.Add(-lookback - time.Nanosecond)
		}, []signal.Name{signal.DiscoverySqueezed}},
		{"a loaded calendar is a discovery source", func(in *analysis.Input) {
			in.Activity.Issues = in.Activity.Issues[1:]
			in.Calendars = []analysis.Calendar{{Person: "priya@example.com"}}
		}, nil},
		{"no request answered", func(in *analysis.Input) { in.Activity.Comments["2"] = in.Activity.Comments["2"][:1] }, []signal.Name{signal.SlowAnswers}},
		{"no ready status in the data", func(in *analysis.Input) { in.Activity.Issues[1].Status = "To Do" }, []signal.Name{signal.ThinBacklog}},
		{"the PM had no activity in the window", pmIdle, idleUnknown},
		{"a meeting inside the window is activity", func(in *analysis.Input) {
			pmIdle(in)
			in.Calendars = meeting(time.Date(2026, 11, 10, 10, 0, 0, 0, time.UTC), time.Hour)
		}, []signal.Name{signal.SlowAnswers}},
		{"a meeting ending exactly at the window's start is not", func(in *analysis.Input) {
			pmIdle(in)
			in.Calendars = meeting(winStart.Add(-time.Hour), time.Hour)
		}, idleUnknown},
		{"a meeting ending just after the window's start is", func(in *analysis.Input) {
			pmIdle(in)
			in.Calendars = meeting(winStart.Add(-time.Hour), time.Hour+time.Nanosecond)
		}, []signal.Name{signal.SlowAnswers}},
		{"a meeting starting exactly at the cutoff is not", func(in *analysis.Input) {
			pmIdle(in)
			in.Calendars = meeting(cutoff, time.Hour)
		}, idleUnknown},
		{"a meeting starting just before the cutoff is", func(in *analysis.Input) {
			pmIdle(in)
			in.Calendars = meeting(cutoff.Add(-time.Nanosecond), time.Hour)
		}, []signal.Name{signal.SlowAnswers}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := sourcesActivity()
			tc.change(&in)
			res, err := analysis.Analyze(in)
			if err != nil {
				t.Fatal(err)
			}
			if res.Window.From != "2026-10-31" || res.Window.To != "2026-11-27" {
				t.Fatalf("window %+v: the edges of this test are wrong", res.Window)
			}
			var got []signal.Name
			for _, s := range res.Verdict.Signals {
				if s.Known {
					if s.Value == nil && s.Why != nil {
						t.Errorf("%s: known, but with a reason why not", s.Name)
					}
					continue
				}
				got = append(got, signal.Name(s.Name))
				if s.Value != nil || s.Tripped || s.Why == nil || *s.Why == "" {
					t.Errorf("%s unknown: value %v, tripped %v, why %v; want no value, not tripped, a reason", s.Name, s.Value, s.Tripped, s.Why)
				}
			}
			slices.Sort(got)
			want := slices.Clone(tc.unknown)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("unknown %v, want %v", got, want)
			}
			if res.Verdict.Unknown != len(want) {
				t.Errorf("verdict counts %d unknown signals, want %d", res.Verdict.Unknown, len(want))
			}
		})
	}
}

// TestLargestCalendarBlocksAtTheEdges: the report's largest calendar
// blocks are the occurrences that overlap the window, longest first and,
// among equals, earliest first.
func TestLargestCalendarBlocksAtTheEdges(t *testing.T) {
	occ := func(start time.Time, d time.Duration, title string) analysis.CalendarOccurrence {
		return analysis.CalendarOccurrence{Start: start, End: start.Add(d), Category: "discovery", Title: title}
	}
	in := sourcesActivity()
	in.Calendars = []analysis.Calendar{{Person: "Priya Shah", Occurrences: []analysis.CalendarOccurrence{
		occ(winStart.Add(-2*time.Hour), 2*time.Hour, "ends at the window's start"),
		occ(winStart.Add(-2*time.Hour), 2*time.Hour+time.Nanosecond, "ends just inside"),
		occ(cutoff, 3*time.Hour, "starts at the cutoff"),
		occ(cutoff.Add(-time.Nanosecond), time.Hour, "starts just before the cutoff"),
		occ(time.Date(2026, 11, 12, 14, 0, 0, 0, time.UTC), 90*time.Minute, "later of two equals"),
		occ(time.Date(2026, 11, 10, 14, 0, 0, 0, time.UTC), 90*time.Minute, "earlier of two equals"),
	}}}
	res, err := analysis.Analyze(in)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range res.CalendarBlocks {
		got = append(got, b.Title)
		if b.Person != "Priya Shah" || b.PersonID != "pm" {
			t.Errorf("%q is %s (%s), want Priya Shah (pm)", b.Title, b.Person, b.PersonID)
		}
	}
	want := []string{"ends just inside", "earlier of two equals", "later of two equals", "starts just before the cutoff"}
	if !slices.Equal(got, want) {
		t.Errorf("blocks %q, want %q", got, want)
	}
}

// TestEveryParameterIsRequired: the analysis fills no default, so each
// time-model constant and each threshold that is a count or a limit is
// refused at zero, by name (a zero share is a threshold set on purpose).
func TestEveryParameterIsRequired(t *testing.T) {
	mayBeZero := []string{"DailyInputs", "DailyInputsMinRequesters", "DiscoverySqueezed", "AfterHours", "OverwhelmedMin"}
	for _, group := range []struct {
		name  string
		value func(in *analysis.Input) reflect.Value
	}{
		{"TimeModel", func(in *analysis.Input) reflect.Value { return reflect.ValueOf(&in.TimeModel).Elem() }},
		{"Thresholds", func(in *analysis.Input) reflect.Value { return reflect.ValueOf(&in.Thresholds).Elem() }},
	} {
		fields := group.value(&analysis.Input{}).Type()
		for i := range fields.NumField() {
			field := fields.Field(i).Name
			if group.name == "Thresholds" && slices.Contains(mayBeZero, field) {
				continue
			}
			t.Run(group.name+"."+field, func(t *testing.T) {
				in := sourcesActivity()
				group.value(&in).Field(i).SetZero()
				_, err := analysis.Analyze(in)
				want := fmt.Sprintf("team checkout: %s.%s 0", group.name, field)
				if !errors.Is(err, analysis.ErrIncomplete) || !strings.Contains(err.Error(), want) {
					t.Errorf("with %s.%s zero: %v, want %q", group.name, field, err, want)
				}
			})
		}
	}
	in := sourcesActivity()
	in.Thresholds.DiscoverySqueezed, in.Thresholds.AfterHours, in.Thresholds.DailyInputs = 0, 0, 0
	if _, err := analysis.Analyze(in); err != nil {
		t.Errorf("zero shares are thresholds set on purpose: %v", err)
	}
}
