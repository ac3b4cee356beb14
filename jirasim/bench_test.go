package jirasim

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/roleload/roleload/jirasim/scenario"
	"github.com/roleload/roleload/model"
)

// bigDataset has n issues with h status-flipping histories each, spread
// over the timeline, like the load scenario the benchmark serves.
func bigDataset(n, h int) *scenario.Dataset {
	ds := tinyDataset(0)
	ds.Issues = nil
	span := tEnd.Sub(tStart)
	for i := range n {
		id := strconv.Itoa(100000 + i)
		c := tStart.Add(span * time.Duration(i) / time.Duration(2*n))
		is := model.Issue{ID: id, Key: "ABC-" + strconv.Itoa(i+1), ProjectKey: "ABC", Type: "Story", Status: "To Do",
			StatusCategory: "new", Summary: "s", ReporterID: "acc-pm", CreatorID: "acc-pm", Created: c}
		at := c
		for j := range h {
			at = at.Add(span / time.Duration(4*h))
			from, to := "To Do", "In Progress"
			if j%2 == 1 {
				from, to = to, from
			}
			ds.Histories[id] = append(ds.Histories[id], model.History{ID: strconv.Itoa(i*h + j + 1), IssueID: id, AuthorID: "acc-eng", Created: at,
				Items: []model.HistoryItem{{Field: "status", FieldType: "jira", FromString: from, ToString: to}}})
			is.Status = to
		}
		is.Updated = at
		ds.Issues = append(ds.Issues, is)
	}
	return ds
}

func sweep(b testing.TB, hs *httptest.Server, jql string) int {
	n, token := 0, ""
	for {
		q := url.Values{"jql": {jql}, "fields": {"*navigable"}, "expand": {"changelog"}, "maxResults": {"100"}}
		if token != "" {
			q.Set("nextPageToken", token)
		}
		var p struct {
			Issues        []json.RawMessage
			NextPageToken *string
			IsLast        *bool
		}
		if st := call(b, hs, model.Cloud, "/rest/api/2/search/jql", q, &p); st != 200 {
			b.Fatalf("status %d", st)
		}
		n += len(p.Issues)
		if *p.IsLast {
			return n
		}
		token = *p.NextPageToken
	}
}

// BenchmarkSearchSweep pages through 10,000 issues with ~30 histories
// each, fields and changelog included, as a first sync would.
func BenchmarkSearchSweep(b *testing.B) {
	_, hs := startSimB(b, bigDataset(10000, 30))
	b.ResetTimer()
	for b.Loop() {
		if n := sweep(b, hs, "project = ABC ORDER BY created ASC"); n != 10000 {
			b.Fatalf("swept %d", n)
		}
	}
}

// BenchmarkIncrementalPage is one updated-bounded page right after the
// clock moved: the view is rebuilt once, then paging is cheap.
func BenchmarkIncrementalPage(b *testing.B) {
	sim, hs := startSimB(b, bigDataset(10000, 30))
	b.ResetTimer()
	for b.Loop() {
		sim.Advance(time.Minute)
		resp, err := hs.Client().Get(hs.URL + "/rest/api/2/search/jql?" + url.Values{"jql": {`updated >= "2026/11/10 00:00" ORDER BY created ASC`}, "fields": {"key,updated"}}.Encode())
		if err != nil {
			b.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			b.Fatalf("status %d", resp.StatusCode)
		}
	}
}

func startSimB(b *testing.B, ds *scenario.Dataset) (*Server, *httptest.Server) {
	b.Helper()
	sim := New(ds, Options{Flavor: model.Cloud})
	hs := httptest.NewServer(sim)
	b.Cleanup(hs.Close)
	return sim, hs
}
