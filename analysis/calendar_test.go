package analysis

import (
	"strings"
	"testing"
	"time"
)

func TestCalendarDST(t *testing.T) {
	tests := []struct {
		zone, sunday, friday, monday string
		hours                        int // length of the DST Sunday
	}{
		{"Europe/Berlin", "2026-10-25", "2026-10-23", "2026-10-26", 25},
		{"America/New_York", "2026-11-01", "2026-10-30", "2026-11-02", 25},
		{"Europe/Berlin", "2026-03-29", "2026-03-27", "2026-03-30", 23},
	}
	for _, tc := range tests {
		t.Run(tc.zone+" "+tc.sunday, func(t *testing.T) {
			b := newBuilder(t, mustLoc(t, tc.zone))
			cal := newCalendar(testTeam(b.loc), b.loc, b.at(tc.friday+" 00:00"), b.at(tc.monday+" 00:00"))
			sun := cal.days[cal.dayIndex(b.at(tc.sunday+" 12:00").UnixNano())]
			if got := time.Duration(sun.end - sun.start); got != time.Duration(tc.hours)*time.Hour {
				t.Errorf("%s lasts %v, want %dh", tc.sunday, got, tc.hours)
			}
			mon := cal.days[len(cal.days)-1]
			if h := time.Unix(0, mon.workStart).In(b.loc).Hour(); h != 9 {
				t.Errorf("Monday's working hours start at %d:00, want 9:00", h)
			}
			// Friday 16:00 to Monday 10:00: one working hour each side of the weekend.
			if got := cal.workingNanos(b.at(tc.friday+" 16:00").UnixNano(), b.at(tc.monday+" 10:00").UnixNano()); got != int64(2*time.Hour) {
				t.Errorf("working time over the DST weekend %v, want 2h", time.Duration(got))
			}
			// A span across Saturday's midnight is split between the days, all outside working hours.
			var parts []time.Duration
			cal.split(b.at(tc.sunday+" 00:00").Add(-30*time.Minute).UnixNano(), b.at(tc.sunday+" 00:00").Add(30*time.Minute).UnixNano(),
				func(_ int, _, outside, total int64) {
					if outside != total {
						t.Errorf("weekend time counted as working time")
					}
					parts = append(parts, time.Duration(total))
				})
			if len(parts) != 2 || parts[0] != 30*time.Minute || parts[1] != 30*time.Minute {
				t.Errorf("midnight split %v, want [30m 30m]", parts)
			}
		})
	}
}

func TestWorkingHoursBoundaryAndHoliday(t *testing.T) {
	tests := []struct {
		name, at   string
		holiday    bool
		afterHours float64
	}{
		{"field edit ending exactly at 17:00", "2026-11-24 17:00", false, 0},
		{"field edit ending at 17:01", "2026-11-24 17:01", false, 1},
		{"field edit ending exactly at 09:00", "2026-11-24 09:00", false, 1},
		{"field edit ending at 09:01", "2026-11-24 09:01", false, 0},
		{"holiday", "2026-11-24 11:00", true, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := newBuilder(t, mustLoc(t, "Europe/Berlin"))
			b.issue("ABC-1", "Story", "pm", "2026-06-01 10:00") // before the calendar: its create does not count
			b.hist("ABC-1", "pm", tc.at, item("priority", "Low", "High"))
			team := testTeam(b.loc)
			if tc.holiday {
				team.Holidays["2026-11-24"] = true
			}
			r := analyze(t, input(b, team, "2026-11-27"))
			pm := r.People[0]
			if pm.AfterHoursShare == nil || *pm.AfterHoursShare != tc.afterHours {
				t.Errorf("after_hours_share %v, want %v", pm.AfterHoursShare, tc.afterHours)
			}
			if pm.Hours.Refinement != round2(1.0/60) {
				t.Errorf("refinement %v h, want one minute", pm.Hours.Refinement)
			}
			if wantDays := map[bool]int{true: 19, false: 20}[tc.holiday]; r.Window.WorkingDays != wantDays {
				t.Errorf("working days %d, want %d", r.Window.WorkingDays, wantDays)
			}
			if wantActive := map[bool]float64{true: 0, false: 0.05}[tc.holiday]; r.Coverage.PMActiveDayShare != wantActive {
				t.Errorf("active day share %v, want %v", r.Coverage.PMActiveDayShare, wantActive)
			}
		})
	}
}

func TestResponseOverDSTWeekend(t *testing.T) {
	for _, tc := range []struct{ zone, friday, monday string }{
		{"Europe/Berlin", "2026-10-23", "2026-10-26"},
		{"America/New_York", "2026-10-30", "2026-11-02"},
	} {
		b := newBuilder(t, mustLoc(t, tc.zone))
		b.issue("ABC-1", "Story", "pm", "2026-06-01 10:00")
		b.comment("ABC-1", "e1", tc.friday+" 16:00", "Which one?")
		b.comment("ABC-1", "pm", tc.monday+" 10:00", "This one.")
		r := analyze(t, input(b, testTeam(b.loc), "2026-11-06"))
		if len(r.Requests) != 1 || r.Requests[0].ResponseHours == nil || *r.Requests[0].ResponseHours != 2 {
			t.Errorf("%s: requests %+v, want one answered in 2 working hours", tc.zone, r.Requests)
		}
		if !strings.HasPrefix(r.Requests[0].Answered, tc.monday+"T10:00:00") {
			t.Errorf("%s: answered %s, want %s 10:00 local", tc.zone, r.Requests[0].Answered, tc.monday)
		}
	}
}

// TestSundayToThursdayTeam: a team in Israel works Sunday to Thursday,
// 08:00–16:30; Friday is its weekend, and the analysis is asked as of a
// moment given in UTC.
func TestSundayToThursdayTeam(t *testing.T) {
	loc := mustLoc(t, "Asia/Jerusalem")
	b := newBuilder(t, loc)
	b.issue("ABC-1", "Story", "pm", "2026-11-01 09:00")
	b.comment("ABC-1", "e1", "2026-11-19 16:00", "[~pm] which copy?", "pm") // Thursday
	b.comment("ABC-1", "pm", "2026-11-22 08:30", "This one.")               // Sunday
	b.issue("ABC-2", "Story", "e1", "2026-11-01 09:00")
	b.comment("ABC-2", "pm", "2026-11-20 10:00", "") // Friday: the team's weekend
	team := testTeam(loc)
	team.Weekdays = [7]bool{time.Sunday: true, time.Monday: true, time.Tuesday: true, time.Wednesday: true, time.Thursday: true}
	team.DayStart, team.DayEnd = 8*time.Hour, 16*time.Hour+30*time.Minute
	in := input(b, team, "2026-11-26")
	in.AsOf = time.Date(2026, 11, 26, 23, 0, 0, 0, time.UTC) // already Friday the 27th in Israel
	r := analyze(t, in)
	if r.AsOf != "2026-11-27" || r.Window.From != "2026-10-31" || r.Window.WorkingDays != 20 {
		t.Errorf("as of %s, window %+v: want 2026-10-31 to 2026-11-27 with 20 working days", r.AsOf, r.Window)
	}
	if len(r.Requests) != 1 || r.Requests[0].ResponseHours == nil || *r.Requests[0].ResponseHours != 1 {
		t.Fatalf("requests %+v: want one answered after 1 working hour (Thu 16:00-16:30, Sun 08:00-08:30)", r.Requests)
	}
	// Friday's comment (2 min) and the create (5 min + text) happen
	// outside working hours; Sunday 08:28-08:30 inside.
	pm := r.People[0]
	if pm.AfterHoursShare == nil || *pm.AfterHoursShare >= 1 || *pm.AfterHoursShare <= 0 {
		t.Errorf("after-hours share %v: want Friday's comment outside, Sunday's inside", pm.AfterHoursShare)
	}
	for _, d := range r.InputRequests.PerDay {
		if day, _ := time.ParseInLocation(time.DateOnly, d.Date, loc); day.Weekday() == time.Friday || day.Weekday() == time.Saturday {
			t.Errorf("per_day lists %s, a weekend day of this team", d.Date)
		}
	}
}
