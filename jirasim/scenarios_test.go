package jirasim

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/roleload/roleload/jirasim/scenario"
	"github.com/roleload/roleload/model"
)

// Generated scenarios served per flavor: a full search sweep returns what
// AsOfNow says a complete sync must hold, with matching changelog totals.
func TestServeScenarios(t *testing.T) {
	for _, f := range []model.Flavor{model.Cloud, model.Server} {
		t.Run(string(f), func(t *testing.T) {
			ds, err := scenario.Load("demo", scenario.Options{Seed: 1, Flavor: f})
			if err != nil {
				t.Fatal(err)
			}
			sim, hs := startSim(t, ds, authOpts(f))
			want := sim.AsOfNow()
			totals := map[string]int{}
			for _, is := range want.Issues {
				totals[is.Key] = len(want.Histories[is.ID])
			}
			got := 0
			for startAt, token := 0, ""; ; {
				q := url.Values{"fields": {"*navigable"}, "expand": {"changelog"}, "maxResults": {"100"}}
				path := "/rest/api/2/search"
				if f == model.Cloud {
					path += "/jql"
					if token != "" {
						q.Set("nextPageToken", token)
					}
				} else {
					q.Set("startAt", strconv.Itoa(startAt))
				}
				var p searchPage
				if st := call(t, hs, f, path, q, &p); st != 200 {
					t.Fatalf("status %d %v", st, p.ErrorMessages)
				}
				for _, is := range p.Issues {
					wantTotal, ok := totals[is.Key]
					if !ok || is.Changelog.Total != wantTotal {
						t.Errorf("%s: known %v, changelog total %d, want %d", is.Key, ok, is.Changelog.Total, wantTotal)
					}
					delete(totals, is.Key)
					got++
				}
				startAt += len(p.Issues)
				if f == model.Cloud && *p.IsLast || f == model.Server && startAt >= *p.Total {
					break
				}
				if f == model.Cloud {
					token = *p.NextPageToken
				}
			}
			if got != len(want.Issues) || len(totals) != 0 {
				t.Errorf("swept %d issues, want %d; missing %d", got, len(want.Issues), len(totals))
			}
		})
	}
}

func TestSearchPOST(t *testing.T) {
	tests := []struct {
		flavor model.Flavor
		path   string
		body   string
	}{
		{model.Server, "/rest/api/2/search", `{"jql":"project = ABC ORDER BY key","startAt":2,"maxResults":2,"fields":["summary"],"expand":"changelog"}`},
		{model.Cloud, "/rest/api/2/search/jql", `{"jql":"project = ABC ORDER BY key","maxResults":2,"fields":["summary"],"expand":"changelog"}`},
	}
	for _, tc := range tests {
		t.Run(string(tc.flavor), func(t *testing.T) {
			_, hs := startSim(t, tinyDataset(5), Options{Flavor: tc.flavor})
			resp, err := hs.Client().Post(hs.URL+tc.path, "application/json", bytes.NewBufferString(tc.body))
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var p searchPage
			if err := json.NewDecoder(resp.Body).Decode(&p); err != nil || resp.StatusCode != 200 {
				t.Fatalf("status %d, %v", resp.StatusCode, err)
			}
			if len(p.Issues) != 2 || p.Issues[0].Changelog == nil || p.Issues[0].Fields["summary"] == nil {
				t.Errorf("POST search page: %+v", p.Issues)
			}
		})
	}
}

// Readers page while the clock moves and comments are added: run with
// -race.
func TestConcurrentUse(t *testing.T) {
	sim, hs := startSim(t, tinyDataset(200), Options{Flavor: model.Cloud})
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for range 5 {
				q := url.Values{"jql": {"project = ABC ORDER BY created"}, "fields": {"*all"}, "expand": {"changelog"}}
				resp, err := hs.Client().Get(hs.URL + "/rest/api/2/search/jql?" + q.Encode())
				if err != nil {
					t.Error(err)
					return
				}
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					t.Errorf("worker %d: status %d", w, resp.StatusCode)
				}
			}
		})
	}
	wg.Go(func() {
		for i := range 20 {
			sim.Advance(time.Minute)
			if err := sim.AddComment("ABC-"+strconv.Itoa(i+1), "acc-eng", "hi", sim.Now()); err != nil {
				t.Error(err)
			}
			_ = sim.Dataset()
		}
	})
	wg.Wait()
	if n := len(sim.Requests()); n != 20 {
		t.Errorf("logged %d requests, want 20", n)
	}
}
