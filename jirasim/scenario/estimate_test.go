package scenario

import (
	"fmt"
	"math"
	"slices"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/roleload/roleload/model"
)

// This file is a small, independent reading of SPEC §6.3 over a
// generated dataset's PM events, to check that the generated events let
// a correct analysis recover the truth. It shares no code with the
// generator beyond the data types.

type estSpan struct {
	start, end time.Time
	cat        string
}

var textFields = map[string]bool{"summary": true, "description": true, "Acceptance Criteria": true, "environment": true}

func estimate(ds *Dataset, pm string, from, to time.Time) map[string]float64 {
	discEpics := map[string]bool{}
	discovery := func(is model.Issue) bool {
		return is.ProjectType == "product_discovery" || is.Type == "Idea" ||
			slices.Contains(is.Labels, "discovery") || discEpics[is.ParentKey]
	}
	for _, is := range ds.Issues {
		if is.Type == "Epic" && discovery(is) {
			discEpics[is.Key] = true
		}
	}
	var spans []estSpan
	add := func(at time.Time, base float64, size int, cat string) {
		d := math.Min(base+float64(size)/40, 45)
		spans = append(spans, estSpan{at.Add(-time.Duration(d * float64(time.Minute))), at, cat})
	}
	for _, is := range ds.Issues {
		cat := "story_writing"
		if discovery(is) {
			cat = "discovery"
		}
		hs := ds.Histories[is.ID]
		if is.CreatorID == pm {
			desc := is.Description
			for _, h := range hs {
				if i := slices.IndexFunc(h.Items, func(it model.HistoryItem) bool { return it.Field == "description" }); i >= 0 {
					desc = h.Items[i].FromString
					break
				}
			}
			add(is.Created, 5, utf8.RuneCountInString(is.Summary)+utf8.RuneCountInString(desc), cat)
		}
		for _, h := range hs {
			if h.AuthorID != pm {
				continue
			}
			base, size := 1.0, 0
			for _, it := range h.Items {
				if textFields[it.Field] {
					base = 3
					size += abs(utf8.RuneCountInString(it.ToString) - utf8.RuneCountInString(it.FromString))
				}
			}
			if slices.ContainsFunc(h.Items, func(it model.HistoryItem) bool { return it.Field == "status" }) {
				base = 0.5
			}
			add(h.Created, base, size, cat)
		}
		for _, c := range ds.Comments[is.ID] {
			if c.AuthorID == pm {
				add(c.Created, 2, c.BodySize, cat)
			}
		}
	}
	slices.SortFunc(spans, func(a, b estSpan) int { return a.start.Compare(b.start) })
	hours := map[string]float64{}
	credit := func(a, b time.Time, cat string) {
		a, b = maxTime(a, from), minTime(b, to)
		if b.After(a) {
			hours[cat] += b.Sub(a).Hours()
		}
	}
	var cursor time.Time
	for _, s := range spans {
		lo := s.start
		if !cursor.IsZero() && !s.start.After(cursor.Add(15*time.Minute)) {
			lo = cursor // an idle gap up to 15 min goes to the span after it
		}
		if s.end.After(lo) {
			credit(lo, s.end, s.cat)
		}
		if s.end.After(cursor) {
			cursor = s.end
		}
	}
	return hours
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func TestEstimatorRecoversTruth(t *testing.T) {
	for _, name := range []string{"overloaded", "coping", "calm"} {
		for _, f := range flavors {
			for seed := int64(1); seed <= 3; seed++ {
				ds := mustScenario(t, name, Options{Seed: seed, Flavor: f})
				tr := ds.Truth
				to := tr.AsOf.AddDate(0, 0, 1)
				got := estimate(ds, tr.PM, tr.WindowFrom, to)
				share := got["discovery"] / (got["discovery"] + got["story_writing"])
				msg := fmt.Sprintf("%s/%s seed %d: estimated sw %.1f h disc %.1f h share %.3f; truth sw %.1f h disc %.1f h share %.3f",
					name, f, seed, got["story_writing"], got["discovery"], share, tr.Hours["story_writing"], tr.Hours["discovery"], tr.DiscoveryShare)
				t.Log(msg)
				for _, c := range []string{"story_writing", "discovery"} {
					if math.Abs(got[c]-tr.Hours[c]) > 0.2*tr.Hours[c] {
						t.Errorf("%s: %s off by more than 20%%", msg, c)
					}
				}
				if math.Abs(share-tr.DiscoveryShare) > 0.05 {
					t.Errorf("%s: share off by more than 0.05", msg)
				}
			}
		}
	}
}

// TestRequestsFollowTheRules rereads the data by SPEC §6.4 and finds
// exactly the requests the truth records, with the same answers.
func TestRequestsFollowTheRules(t *testing.T) {
	for _, name := range []string{"overloaded", "coping", "calm"} {
		for _, f := range flavors {
			for seed := int64(1); seed <= 5; seed++ {
				checkRequests(t, mustScenario(t, name, Options{Seed: seed, Flavor: f}), name, f)
			}
		}
	}
}

func checkRequests(t *testing.T, ds *Dataset, name string, f model.Flavor) {
	t.Helper()
	want := ds.Truth.InputRequests
	key := func(r TrueRequest) string { return r.IssueKey + r.Opened.UTC().Format(time.RFC3339Nano) }
	scanned := map[string]TrueRequest{}
	for _, r := range scanRequests(ds) {
		scanned[key(r)] = r
	}
	for _, w := range want {
		g, ok := scanned[key(w)]
		switch {
		case !ok:
			t.Errorf("%s/%s: truth request not found by the scan: %+v", name, f, w)
		case g.Requester != w.Requester || !g.Answered.Equal(w.Answered):
			t.Errorf("%s/%s: request scanned %+v, truth %+v", name, f, g, w)
		}
		delete(scanned, key(w))
	}
	for _, g := range scanned {
		t.Errorf("%s/%s: scan found a request the truth lacks: %+v", name, f, g)
	}
	last := map[string]TrueRequest{}
	for _, r := range want {
		if !r.Answered.IsZero() && !r.Answered.After(r.Opened) {
			t.Errorf("%s/%s: %+v answered before it opened", name, f, r)
		}
		if p, ok := last[r.IssueKey]; ok && (p.Answered.IsZero() || r.Opened.Before(p.Answered)) {
			t.Errorf("%s/%s: %+v opened while %+v was open", name, f, r, p)
		}
		last[r.IssueKey] = r
	}
	checkDays(t, ds)
	if len(ds.Truth.Decoys) < 10 {
		t.Errorf("%s/%s: only %d decoys", name, f, len(ds.Truth.Decoys))
	}
}

func checkDays(t *testing.T, ds *Dataset) {
	tr := ds.Truth
	loc, _ := time.LoadLocation(ds.Team.Timezone)
	days := map[string]bool{}
	to := tr.AsOf.AddDate(0, 0, 1)
	for _, r := range tr.InputRequests {
		l := r.Opened.In(loc)
		if r.Opened.Before(tr.WindowFrom) || !r.Opened.Before(to) {
			continue
		}
		if l.Weekday() == time.Saturday || l.Weekday() == time.Sunday || slices.Contains(ds.Team.Holidays, l.Format(time.DateOnly)) ||
			l.Hour() < 9 || l.Hour() >= 17 {
			t.Errorf("request on %s outside working time: %v", r.IssueKey, l)
		}
		days[l.Format(time.DateOnly)] = true
	}
	if len(days) != tr.DaysWithRequests {
		t.Errorf("days with requests: counted %d, truth %d", len(days), tr.DaysWithRequests)
	}
}
