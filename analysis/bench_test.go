package analysis

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/roleload/roleload/model"
)

// bigActivity is a 200-person organisation over a year: 40,000 issues in
// ten projects with about 1,000,000 events (creates, histories, comments,
// worklogs). Person p0 is the analysed team's PM; p1..p9 are other PMs.
func bigActivity(tb testing.TB, loc *time.Location) (*model.Activity, int) {
	tb.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	act := &model.Activity{ChangelogsComplete: true,
		Histories: map[string][]model.History{}, Comments: map[string][]model.Comment{}, Worklogs: map[string][]model.Worklog{}}
	for p := range 200 {
		act.People = append(act.People, model.Person{ID: fmt.Sprintf("p%d", p), DisplayName: fmt.Sprintf("Person %d", p), Active: true})
	}
	start := time.Date(2025, 11, 30, 8, 0, 0, 0, loc)
	body := strings.Repeat("Looks good, but what about the empty state? ", 5)
	desc := strings.Repeat("As a shopper I want to pay with one click. ", 10)
	statuses := []string{"To Do", "Ready for Dev", "In Progress", "Needs Info", "Done"}
	author := func(proj int) string {
		if rng.IntN(40) == 0 {
			return fmt.Sprintf("p%d", proj) // the project's PM
		}
		return fmt.Sprintf("p%d", 10+proj*19+rng.IntN(19))
	}
	events := 0
	for i := range 40000 {
		proj := i % 10
		created := start.Add(time.Duration(rng.Int64N(int64(360 * 24 * time.Hour))))
		id := fmt.Sprint(100000 + i)
		is := model.Issue{ID: id, Key: fmt.Sprintf("P%d-%d", proj, i), ProjectKey: fmt.Sprintf("P%d", proj), Type: "Story",
			Status: statuses[rng.IntN(len(statuses))], Summary: "Pay with one click", Description: desc, DescriptionSize: len(desc),
			CreatorID: author(proj), ReporterID: fmt.Sprintf("p%d", proj), Created: created, SprintIDs: []int64{int64(proj)}}
		if i%7 == 0 {
			is.Labels = []string{"discovery"}
		}
		if is.Status == "Done" {
			is.Resolved = created.Add(10 * 24 * time.Hour)
		}
		at := created
		for k := range 12 {
			at = at.Add(time.Duration(rng.Int64N(int64(8 * time.Hour))))
			items := []model.HistoryItem{{Field: "status", FieldID: "status", FromString: statuses[k%5], ToString: statuses[(k+1)%5]}}
			if k%3 == 0 {
				items = []model.HistoryItem{{Field: "description", FieldID: "description", FromString: desc[:200], ToString: desc}, {Field: "Rank"}}
			}
			act.Histories[id] = append(act.Histories[id], model.History{ID: fmt.Sprint(k), IssueID: id, AuthorID: author(proj), Created: at, Items: items})
		}
		at = created
		for k := range 8 {
			at = at.Add(time.Duration(rng.Int64N(int64(8 * time.Hour))))
			c := model.Comment{ID: fmt.Sprint(k), IssueID: id, AuthorID: author(proj), Created: at, Body: body, BodySize: len(body)}
			if k%4 == 0 {
				c.Mentions = []string{fmt.Sprintf("p%d", proj)}
			}
			act.Comments[id] = append(act.Comments[id], c)
		}
		for k := range 4 {
			st := created.Add(time.Duration(k) * 24 * time.Hour)
			act.Worklogs[id] = append(act.Worklogs[id], model.Worklog{ID: fmt.Sprint(k), IssueID: id, AuthorID: author(proj),
				Started: st, Seconds: 1800 + rng.IntN(7200), Created: st.Add(3 * time.Hour)})
		}
		act.Issues = append(act.Issues, is)
		events += 1 + 12 + 8 + 4
	}
	for p := range 10 {
		for s := range 26 {
			st := start.Add(time.Duration(s) * 14 * 24 * time.Hour)
			act.Sprints = append(act.Sprints, model.Sprint{ID: int64(p*100 + s), State: "closed", Start: st, End: st.Add(14 * 24 * time.Hour), Complete: st.Add(14 * 24 * time.Hour)})
		}
	}
	return act, events
}

func BenchmarkAnalyze1M(b *testing.B) {
	loc := mustLoc(b, "Europe/Berlin")
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	act, events := bigActivity(b, loc)
	runtime.GC()
	runtime.ReadMemStats(&after)
	team := testTeam(loc)
	team.ProductManagers = []string{"p0"}
	team.DeliveryProjects = []string{"P0"}
	in := Input{Activity: act, Team: team, Thresholds: SpecThresholds(), TimeModel: SpecTimeModel(),
		AsOf: time.Date(2026, 11, 27, 12, 0, 0, 0, loc), Weeks: 4, HistoryWeeks: 12}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Analyze(in); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(events), "events")
	// The input itself, for comparison with B/op (what the analysis adds).
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "input-MB")
}
