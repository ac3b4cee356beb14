package calendar

import (
	"context"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/roleload/roleload/jirasim"
	"github.com/roleload/roleload/jirasim/scenario"
	"github.com/roleload/roleload/model"
)

// The simulator's calendars, served over HTTP and read with the default
// rules, give the hours of its ground truth; decoys count for nothing.
func TestSimulatedCalendarMatchesTruth(t *testing.T) {
	for _, c := range []struct {
		scenario string
		flavor   model.Flavor
		seed     int64
	}{{"demo", model.Cloud, 1}, {"demo", model.Cloud, 2}, {"demo", model.Server, 1}, {"coping", model.Cloud, 3}} {
		t.Run(c.scenario+"/"+string(c.flavor), func(t *testing.T) {
			ds, err := scenario.Load(c.scenario, scenario.Options{Seed: c.seed, Flavor: c.flavor})
			if err != nil {
				t.Fatal(err)
			}
			ts := httptest.NewServer(jirasim.New(ds, jirasim.Options{Flavor: c.flavor, Email: "x@example.com", Token: "t"}))
			defer ts.Close()
			pm := ds.Team.ProductManagers[0]
			truth, ok := scenario.CalendarTruthOf(ds, pm)
			if !ok || truth.DiscoveryHours == 0 || truth.StoryWritingHours == 0 || truth.MeetingHours == 0 || truth.Decoys == 0 {
				t.Fatalf("truth %+v", truth)
			}
			got, err := (&Fetcher{}).Fetch(context.Background(), Source{Person: "pm", Label: "sim", URL: ts.URL + "/calendars/" + pm + ".ics"}, "", "")
			if err != nil {
				t.Fatal(err)
			}
			var email string
			for _, p := range ds.People {
				if p.ID == pm {
					email = p.Email
				}
			}
			from, to := ds.Truth.WindowFrom, ds.Truth.AsOf.AddDate(0, 0, 1)
			feed, err := Read(strings.NewReader(string(got.Body)), Options{Email: email, CompanyDomains: []string{"example.com"},
				Rules: DefaultRules(), KeepTitles: true, From: from, To: to})
			if err != nil {
				t.Fatal(err)
			}
			hours := map[string]float64{}
			for _, o := range feed.Occurrences {
				if strings.Contains(o.Title, "Focus") || strings.Contains(o.Title, "Out of office") {
					t.Errorf("decoy kept: %+v", o)
				}
				hours[o.Category] += o.End.Sub(o.Start).Hours()
			}
			for cat, want := range map[string]float64{Discovery: truth.DiscoveryHours, StoryWriting: truth.StoryWritingHours, Other: truth.MeetingHours} {
				if math.Abs(hours[cat]-want) > 0.01*want {
					t.Errorf("%s: read %.2f h, truth %.2f h (dropped %v, problems %v)", cat, hours[cat], want, feed.Dropped, feed.Messages)
				}
			}
			if feed.Problems != 0 {
				t.Errorf("problems: %v", feed.Messages)
			}
			for _, reason := range []string{"declined", "cancelled", "free", "all_day"} {
				if feed.Dropped[reason] == 0 {
					t.Errorf("no %s decoy dropped: %v", reason, feed.Dropped)
				}
			}
			// A second GET with the ETag gets 304.
			req, _ := http.NewRequest(http.MethodGet, ts.URL+"/calendars/"+pm+".ics", nil)
			req.Header.Set("If-None-Match", got.ETag)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusNotModified {
				t.Errorf("conditional GET: %d", resp.StatusCode)
			}
		})
	}
}
