package analysis

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/roleload/roleload/model"
)

// TestInvariantsOnRandomActivity throws random, messy activity at Analyze
// (unknown and anonymous authors, bots, unsorted lists, overlapping
// worklogs, odd calendars and zones) and checks what must always hold: no
// panic, no minute counted twice, shares within [0, 1], counts that add up.
func TestInvariantsOnRandomActivity(t *testing.T) {
	zones := []string{"UTC", "Europe/Berlin", "America/New_York", "Asia/Jerusalem", "Australia/Lord_Howe", "Pacific/Chatham"}
	authors := []string{"pm", "po", "e1", "e2", "bot", "", "ghost", "pm"}
	analysed := 0
	for seed := uint64(1); seed <= 150; seed++ {
		rng := rand.New(rand.NewPCG(seed, 7))
		loc := mustLoc(t, zones[rng.IntN(len(zones))])
		b := newBuilder(t, loc)
		start := time.Date(2026, 9, 20, 0, 0, 0, 0, loc)
		when := func() string {
			return start.Add(time.Duration(rng.Int64N(int64(70 * 24 * time.Hour)))).Format("2006-01-02 15:04")
		}
		pick := func() string { return authors[rng.IntN(len(authors))] }
		keys := []string{}
		for i := range 12 {
			proj := []string{"ABC", "DISC", "XYZ"}[rng.IntN(3)]
			key := fmt.Sprintf("%s-%d", proj, i+1)
			keys = append(keys, key)
			b.issue(key, []string{"Story", "Bug", "Idea", "", "Sub-task"}[rng.IntN(5)], pick(), "2026-09-01 10:00")
		}
		for range 300 {
			key := keys[rng.IntN(len(keys))]
			switch rng.IntN(6) {
			case 0:
				b.comment(key, pick(), when(), string(make([]rune, rng.IntN(5000)))+"?", []string{"pm", "po", "", "nobody"}[rng.IntN(4)])
			case 1:
				b.hist(key, pick(), when(), item("description", "", string(make([]rune, rng.IntN(3000)))))
			case 2:
				b.hist(key, pick(), when(), item("status", "To Do", []string{"Needs Info", "Done", "Ready for Dev", ""}[rng.IntN(4)]))
			case 3:
				b.hist(key, pick(), when(), assignItem([]string{"pm", "po", "e1", ""}[rng.IntN(4)]))
			case 4:
				b.worklog(key, pick(), when(), rng.IntN(4*3600)-60, when())
			case 5:
				b.hist(key, pick(), when(), model.HistoryItem{}, item("Flagged", "", "Impediment"))
			}
		}
		team := testTeam(loc)
		team.ProductOwners = nil
		if rng.IntN(3) == 0 {
			team.ProductOwners = []string{"po"}
		}
		team.Weekdays = [7]bool{}
		for d := range 7 {
			team.Weekdays[d] = rng.IntN(4) != 0
		}
		team.DayStart = time.Duration(6+rng.IntN(4)) * time.Hour
		team.DayEnd = team.DayStart + time.Duration(6+rng.IntN(5))*time.Hour + 30*time.Minute
		team.Holidays["2026-11-11"] = true
		in := input(b, team, "2026-11-25")
		in.Weeks = 1 + rng.IntN(6)
		in.Bots = []string{"bot"}
		r, err := Analyze(in)
		if err != nil {
			continue
		}
		analysed++
		checkInvariants(t, seed, in, r)
	}
	if analysed < 100 {
		t.Errorf("only %d of 150 random teams were analysed: the test checks too little", analysed)
	}
}

func checkInvariants(t *testing.T, seed uint64, in Input, r *Result) {
	t.Helper()
	unit := func(name string, v *float64) {
		if v != nil && (*v < 0 || *v > 1) {
			t.Errorf("seed %d: %s = %v, outside [0, 1]", seed, name, *v)
		}
	}
	maxH := float64(in.Weeks*7*24) + 1
	for _, p := range r.People {
		h := p.Hours
		sum := h.StoryWriting + h.Discovery + h.Other
		if h.StoryWriting < 0 || h.Discovery < 0 || h.Other < 0 || sum > maxH {
			t.Errorf("seed %d: %s hours %+v: negative or more than the window holds (%v h)", seed, p.ID, h, maxH)
		}
		if d := h.Authoring + h.Refinement + h.Answering - h.StoryWriting; d > 0.03 || d < -0.03 {
			t.Errorf("seed %d: subcategories %+v do not add up", seed, h)
		}
		unit("discovery_share", p.DiscoveryShare)
		unit("after_hours_share", p.AfterHoursShare)
	}
	ir := r.InputRequests
	unit("daily_share", &ir.DailyShare)
	unit("top_requester_share", &ir.TopRequesterShare)
	perDay := 0
	for _, d := range ir.PerDay {
		perDay += d.Count
	}
	if ir.DaysWithRequests > ir.WorkingDays || ir.Unanswered > ir.Total || perDay > ir.Total || len(ir.PerDay) != ir.WorkingDays ||
		ir.WorkingDays != r.Window.WorkingDays || ir.Requesters > ir.Total {
		t.Errorf("seed %d: input requests do not add up: %+v", seed, ir)
	}
	if (ir.ResponseHoursP50 == nil) != (ir.ResponseHoursP90 == nil) || ir.ResponseHoursP50 != nil && *ir.ResponseHoursP50 > *ir.ResponseHoursP90 {
		t.Errorf("seed %d: p50 %v, p90 %v", seed, ir.ResponseHoursP50, ir.ResponseHoursP90)
	}
	unit("pm_active_day_share", &r.Coverage.PMActiveDayShare)
	unit("unclassified_share", &r.Coverage.UnclassifiedShare)
	for _, w := range r.Weekly {
		if s := w.Hours.StoryWriting + w.Hours.Discovery + w.Hours.Other; s < 0 || s > float64(7*24*len(r.People))+1 {
			t.Errorf("seed %d: week %s hours %+v", seed, w.Week, w.Hours)
		}
	}
}
