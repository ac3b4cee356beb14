package collector_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/roleload/roleload/collector"
	"github.com/roleload/roleload/collector/jira"
	"github.com/roleload/roleload/config"
	"github.com/roleload/roleload/jirasim"
	"github.com/roleload/roleload/jirasim/scenario"
	"github.com/roleload/roleload/model"
	"github.com/roleload/roleload/store"
)

// BenchmarkCollect measures a first collection of the "load" scenario
// against a fetch-only baseline that requests the same pages and decodes
// them without storing, in the same process and run:
//
//	go test ./collector -run '^$' -bench Collect -benchtime 1x
//
// Metrics: issues/s of both, their ratio (target <= 1.2; the collector's
// time includes closing the store), requests over the minimum the data
// needs (target <= 1.05), and the peak live heap and resident size of a
// collector process (must not grow with issues).
func BenchmarkCollect(b *testing.B) {
	for _, n := range []int{2000, 10000} {
		for _, fl := range []model.Flavor{model.Cloud, model.Server} {
			b.Run(fmt.Sprintf("%s/issues=%d", fl, n), func(b *testing.B) { benchCollect(b, fl, n) })
		}
	}
}

func benchCollect(b *testing.B, fl model.Flavor, n int) {
	ds, err := scenario.Load("load", scenario.Options{Seed: 1, Flavor: fl, Issues: n})
	if err != nil {
		b.Fatal(err)
	}
	o := jirasim.Options{Flavor: fl, Email: testEmail, Token: testToken}
	if fl == model.Server {
		o.Email = ""
	}
	sim := jirasim.New(ds, o)
	hs := httptest.NewServer(sim)
	defer hs.Close()
	now := sim.AsOfNow()
	issues := len(now.Issues)
	minimum := minimumRequests(now, fl)
	cfg := config.Jira{URL: hs.URL, Email: o.Email, Token: testToken, Projects: projectsOf(ds), PageSize: 100,
		Overlap: config.Duration(2 * time.Minute), Timeout: config.Duration(60 * time.Second), MaxRetries: 5}

	// Warm the simulator's caches so that neither side pays for them.
	if _, err := fetchOnly(context.Background(), cfg, fl); err != nil {
		b.Fatal(err)
	}
	// The fastest of at least three interleaved runs of each side (more
	// with -benchtime Nx): the machine may be shared, noise only ever
	// adds time, and a single pair of runs varied by 0.3 in ratio here.
	base, coll := time.Duration(1<<62), time.Duration(1<<62)
	var baseReq, collReq int
	for i := 0; i < max(b.N, 3); i++ {
		start := time.Now()
		baseReq, err = fetchOnly(context.Background(), cfg, fl)
		if err != nil {
			b.Fatal(err)
		}
		base = min(base, time.Since(start))

		st, err := store.Open(context.Background(), filepath.Join(b.TempDir(), fmt.Sprintf("bench%d.db", i)))
		if err != nil {
			b.Fatal(err)
		}
		// Closing is timed too: it checkpoints what the WAL still holds.
		start = time.Now()
		sum, err := collector.Run(context.Background(), st, collector.Options{Jira: cfg})
		if cerr := st.Close(); err == nil {
			err = cerr
		}
		coll = min(coll, time.Since(start))
		if err != nil {
			b.Fatal(err)
		}
		collReq = sum.Requests
	}
	peak, rss := collectorHeap(b, hs.URL, cfg, fl)
	perS := func(d time.Duration) float64 { return float64(issues) / d.Seconds() }
	b.ReportMetric(perS(coll), "issues/s")
	b.ReportMetric(perS(base), "baseline_issues/s")
	b.ReportMetric(coll.Seconds()/base.Seconds(), "time_ratio")
	b.ReportMetric(float64(collReq), "requests")
	b.ReportMetric(float64(baseReq), "baseline_requests")
	b.ReportMetric(float64(collReq)/float64(minimum), "requests/minimum")
	b.ReportMetric(float64(peak)/(1<<20), "peak_live_heap_MB")
	b.ReportMetric(float64(rss)/1024, "peak_rss_MB")
	b.ReportMetric(float64(issues), "issues")
}

// collectorHeap runs a collection against url in a child process, so
// that its heap holds the collector alone (not the simulated Jira, whose
// marking would also slow the samples down), and returns the peak live
// heap above the level before it, and the child's peak resident size
// (which includes SQLite's page cache).
func collectorHeap(b *testing.B, url string, cfg config.Jira, fl model.Flavor) (heap uint64, rssKB int64) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"=1", "CHILD_HEAP=1", "CHILD_DB="+filepath.Join(b.TempDir(), "mem.db"),
		"CHILD_URL="+url, "CHILD_EMAIL="+cfg.Email, "CHILD_TOKEN="+cfg.Token, "CHILD_FLAVOR="+string(fl),
		"CHILD_PROJECTS="+strings.Join(cfg.Projects, ","), "CHILD_PAGE_SIZE="+strconv.Itoa(cfg.PageSize))
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		b.Fatalf("collector child: %v", err)
	}
	if _, err := fmt.Sscan(string(out), &heap, &rssKB); err != nil {
		b.Fatalf("collector child printed %q: %v", out, err)
	}
	return heap, rssKB
}

// sampleLiveHeap collects garbage and samples the heap every 20ms until
// stopped, and returns the peak above the level at the start.
func sampleLiveHeap() (stop func() uint64) {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	floor := ms.HeapAlloc
	var peak atomic.Uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				runtime.GC()
				var m runtime.MemStats
				runtime.ReadMemStats(&m)
				if m.HeapAlloc > floor && m.HeapAlloc-floor > peak.Load() {
					peak.Store(m.HeapAlloc - floor)
				}
			}
		}
	}()
	return func() uint64 { close(done); wg.Wait(); return peak.Load() }
}

// minimumRequests is what any complete first sync must ask for: the
// fixed calls (serverInfo, myself, field, boards, sprints), the search
// pages, and the activity beyond what search embeds.
func minimumRequests(ds *scenario.Dataset, fl model.Flavor) int {
	pages := func(n, size int) int { return (n + size - 1) / size }
	req := 3 + len(ds.Projects) + countBoardsWithSprints(ds) + max(1, pages(len(ds.Issues), 100))
	for _, is := range ds.Issues {
		if h := len(ds.Histories[is.ID]); h > 100 {
			if fl == model.Cloud {
				req += pages(h-100, 100)
			} else {
				req++ // the issue with its whole changelog
			}
		}
		if c := len(ds.Comments[is.ID]); c > 20 {
			req += pages(c-20, 50)
		}
		if w := len(ds.Worklogs[is.ID]); w > 20 {
			req += pages(w-20, 20)
		}
	}
	return req
}

func countBoardsWithSprints(ds *scenario.Dataset) int {
	n := 0
	for _, b := range ds.Boards {
		if b.Type == "scrum" {
			n++
		}
	}
	return n
}

// fetchOnly requests the pages a first collection needs and decodes them
// into the collector's response types, storing nothing.
func fetchOnly(ctx context.Context, cfg config.Jira, fl model.Flavor) (int, error) {
	c, err := jira.New(jira.Config{URL: cfg.URL, Email: cfg.Email, Token: cfg.Token, MaxRetries: 5})
	if err != nil {
		return 0, err
	}
	if _, err := c.ServerInfo(ctx); err != nil {
		return 0, err
	}
	if _, err := c.Myself(ctx); err != nil {
		return 0, err
	}
	fs, err := c.Fields(ctx)
	if err != nil {
		return 0, err
	}
	fm, _ := jira.FindFields(fs)
	for _, p := range cfg.Projects {
		bp, err := c.Boards(ctx, p, 0)
		if err != nil {
			return 0, err
		}
		for _, bd := range bp.Values {
			if bd.Type == "scrum" {
				if _, err := c.Sprints(ctx, bd.ID, 0); err != nil {
					return 0, err
				}
			}
		}
	}
	q := jira.SearchQuery{JQL: `project in ("` + cfg.Projects[0] + `", "` + cfg.Projects[1] + `") ORDER BY created ASC`,
		Fields: append(jira.SystemFields(), fm.IDs()...), Expand: "changelog", MaxResults: 100}
	for {
		var p *jira.SearchPage
		if fl == model.Cloud {
			p, err = c.SearchCloud(ctx, q)
		} else {
			p, err = c.SearchServer(ctx, q)
		}
		if err != nil {
			return 0, err
		}
		for i := range p.Issues {
			if err := fetchRest(ctx, c, &p.Issues[i], fm, fl); err != nil {
				return 0, err
			}
		}
		q.StartAt += len(p.Issues)
		q.PageToken = p.NextPageToken
		if len(p.Issues) == 0 || (fl == model.Cloud && p.NextPageToken == "") || (fl == model.Server && q.StartAt >= p.Total) {
			return c.Requests(), nil
		}
	}
}

func fetchRest(ctx context.Context, c *jira.Client, is *jira.Issue, fm jira.FieldMap, fl model.Flavor) error {
	p, err := jira.ParseIssue(is, fm)
	if err != nil {
		return err
	}
	if cl := is.Changelog; cl != nil && cl.Total > len(cl.Histories) {
		if fl == model.Server {
			if _, err := c.IssueWithChangelog(ctx, is.ID, []string{"updated"}); err != nil {
				return err
			}
		} else {
			for at := 0; at < cl.Total-len(cl.Histories); {
				pg, err := c.Changelog(ctx, is.ID, at, 100)
				if err != nil || len(pg.Values) == 0 {
					return err
				}
				at += len(pg.Values)
			}
		}
	}
	if cp := p.Comments; cp != nil {
		for at := len(cp.Comments); at < cp.Total; {
			pg, err := c.Comments(ctx, is.ID, at, 100)
			if err != nil || len(pg.Comments) == 0 {
				return err
			}
			at += len(pg.Comments)
		}
	}
	if wp := p.Worklogs; wp != nil {
		for at := len(wp.Worklogs); at < wp.Total; {
			pg, err := c.Worklogs(ctx, is.ID, at, 100)
			if err != nil || len(pg.Worklogs) == 0 {
				return err
			}
			at += len(pg.Worklogs)
		}
	}
	return nil
}
