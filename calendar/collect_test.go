package calendar

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/roleload/roleload/config"
	"github.com/roleload/roleload/store"
)

var jiraClock = time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)

func openStore(t *testing.T) (*store.Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "roleload.db")
	st, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.SaveSite(context.Background(), store.Site{BaseURL: "https://x.example", SeenAt: jiraClock}); err != nil {
		t.Fatal(err)
	}
	return st, path
}

// feedServer serves the bodies of steps in turn (the last one repeats);
// a step "500" answers 500, "304?" answers 304 when the ETag matches.
type feedServer struct {
	mu    sync.Mutex
	steps []string
	n     int
	etags []string // If-None-Match seen
}

func (f *feedServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	step := f.steps[min(f.n, len(f.steps)-1)]
	f.n++
	f.etags = append(f.etags, r.Header.Get("If-None-Match"))
	f.mu.Unlock()
	switch {
	case step == "500":
		http.Error(w, "boom", http.StatusInternalServerError)
	case step == "etag":
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		fmt.Fprint(w, weekFeed("Interview"))
	default:
		fmt.Fprint(w, step)
	}
}

// weekFeed: a daily 1 h meeting for the last two weeks before Jira's clock.
func weekFeed(title string) string {
	return vcal("", "SUMMARY:"+title+"\r\nDTSTART:20261113T090000Z\r\nDTEND:20261113T100000Z\r\nRRULE:FREQ=DAILY;COUNT=14\r\n")
}

func collectOnce(t *testing.T, st *store.Store, feed config.CalendarFeed, log *slog.Logger) FeedSummary {
	t.Helper()
	sums, err := Collect(context.Background(), st, CollectOptions{Feeds: []config.CalendarFeed{feed},
		Settings: config.CalendarSettings{KeepTitles: true, CompanyDomains: []string{"example.com"}},
		Fetcher:  &Fetcher{MaxRetries: 2, Sleep: func(context.Context, time.Duration) error { return nil }}, Logger: log})
	if err != nil || len(sums) != 1 {
		t.Fatalf("collect: %v %v", sums, err)
	}
	return sums[0]
}

func storedCount(t *testing.T, st *store.Store, person string) (int, string) {
	t.Helper()
	occ, err := st.CalendarOccurrences(context.Background(), person, jiraClock.AddDate(-1, 0, 0), jiraClock.AddDate(0, 1, 0))
	if err != nil {
		t.Fatal(err)
	}
	if len(occ) == 0 {
		return 0, ""
	}
	return len(occ), occ[0].Title
}

// Good, then 500, then garbage, then a new good feed: the store keeps the
// last good occurrences throughout and status reports each problem.
func TestFailingFeedKeepsLastGoodCopy(t *testing.T) {
	st, _ := openStore(t)
	srv := &feedServer{steps: []string{weekFeed("Interview"), "500", "500", "500", "this is not a calendar", weekFeed("Backlog refinement")}}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	feed := config.CalendarFeed{Person: "Priya Shah", Email: "priya@example.com", URL: ts.URL + "/cal.ics", ICS: ts.URL + "/cal.ics"}

	type want struct {
		status   string
		count    int
		title    string
		failures int
	}
	steps := []want{
		{store.CalendarOK, 14, "Interview", 0},
		{store.CalendarFailed, 14, "Interview", 1}, // 500 three times (1 + 2 retries)
		{store.CalendarFailed, 14, "Interview", 2}, // garbage
		{store.CalendarOK, 14, "Backlog refinement", 0},
	}
	for i, w := range steps {
		sum := collectOnce(t, st, feed, nil)
		if sum.Status != w.status || sum.Occurrences != w.count {
			t.Fatalf("step %d: %s", i, sum)
		}
		n, title := storedCount(t, st, "Priya Shah")
		if n != w.count || title != w.title {
			t.Fatalf("step %d: stored %d %q, want %d %q", i, n, title, w.count, w.title)
		}
		s, err := st.Status(context.Background())
		if err != nil || len(s.Calendars) != 1 {
			t.Fatalf("status %+v %v", s, err)
		}
		c := s.Calendars[0]
		if c.Failures != w.failures || c.LastGood == nil || c.Occurrences != w.count {
			t.Fatalf("step %d: status %+v", i, c)
		}
		if w.status == store.CalendarFailed && c.LastError == "" {
			t.Fatalf("step %d: status shows no problem", i)
		}
	}
}

func TestConditionalGetKeepsOccurrences(t *testing.T) {
	st, _ := openStore(t)
	srv := &feedServer{steps: []string{"etag"}}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	feed := config.CalendarFeed{Person: "Priya Shah", URL: ts.URL + "/c.ics", ICS: ts.URL + "/c.ics"}
	if s := collectOnce(t, st, feed, nil); s.Status != store.CalendarOK || s.Occurrences != 14 {
		t.Fatalf("first: %s", s)
	}
	if s := collectOnce(t, st, feed, nil); s.Status != store.CalendarNotModified || s.Occurrences != 14 {
		t.Fatalf("second: %s", s)
	}
	if srv.etags[1] != `"v1"` {
		t.Errorf("second request sent If-None-Match %q", srv.etags[1])
	}
	if n, _ := storedCount(t, st, "Priya Shah"); n != 14 {
		t.Errorf("after 304: %d stored", n)
	}
	cals, err := st.Calendars(context.Background(), jiraClock.AddDate(0, 0, -28), jiraClock)
	if err != nil || len(cals) != 1 || !cals[0].Loaded || len(cals[0].Occurrences) != 14 {
		t.Fatalf("Calendars: %+v %v", cals, err)
	}
}

// A secret URL never shows: not in logs, errors, status or the store file.
func TestSecretURLNeverShown(t *testing.T) {
	const token = "private-9f8e7d6c5b4a39281706"
	big := strings.Repeat("X", 1<<20)
	mux := http.NewServeMux()
	mux.HandleFunc("/calendar/ical/"+token+"/basic.ics", func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Query().Get("mode") {
		case "big": // 50 MB: refused cleanly at the size limit
			w.Header().Set("Content-Type", "text/calendar")
			for i := 0; i < 50; i++ {
				if _, err := w.Write([]byte(big)); err != nil {
					return
				}
			}
		case "500":
			http.Error(w, "boom "+r.URL.String(), http.StatusInternalServerError)
		case "401":
			http.Error(w, "no", http.StatusUnauthorized)
		default:
			fmt.Fprint(w, vcal("", "SUMMARY:<script>alert(1)</script>\\r\\nX-Injected: yes\r\nDTSTART:20261120T090000Z\r\nDTEND:20261120T100000Z\r\n"))
		}
	})
	ts := httptest.NewServer(mux)
	defer ts.Close()
	st, dbPath := openStore(t)
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	secret := ts.URL + "/calendar/ical/" + token + "/basic.ics"
	var outputs []string
	for _, mode := range []string{"", "?mode=big", "?mode=500", "?mode=401"} {
		feed := config.CalendarFeed{Person: "Priya Shah", URLEnv: "PRIYA_ICS_URL", URL: secret + mode}
		sum := collectOnce(t, st, feed, log)
		outputs = append(outputs, sum.String())
		if mode == "?mode=big" && (sum.Err == nil || !strings.Contains(sum.Err.Error(), "larger than the limit")) {
			t.Errorf("50 MB body: %v", sum.Err)
		}
		if mode != "" && sum.Occurrences != 1 {
			t.Errorf("%s: the good copy was lost: %s", mode, sum)
		}
		// A dead address: the error names the person and the variable.
		if mode == "?mode=401" && !strings.Contains(sum.String(), "Priya Shah ($PRIYA_ICS_URL)") {
			t.Errorf("401: %s", sum)
		}
	}
	s, err := st.Status(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	js, _ := json.Marshal(s)
	outputs = append(outputs, string(js), logs.String())
	st.Close()
	db, err := os.ReadFile(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	if wal, err := os.ReadFile(dbPath + "-wal"); err == nil {
		db = append(db, wal...)
	}
	outputs = append(outputs, string(db))
	for i, out := range outputs {
		if strings.Contains(out, token) {
			t.Errorf("output %d shows the secret: %.300s", i, out[max(0, strings.Index(out, token)-100):])
		}
	}
	if !strings.Contains(string(db), "<script>") {
		t.Errorf("the title should be stored as text (escaped where shown)")
	}
}

func TestOnlyHTTPSOrLoopback(t *testing.T) {
	f := &Fetcher{MaxRetries: 1}
	_, err := f.Fetch(context.Background(), Source{Person: "P", Label: "$X", URL: "http://calendar.example.com/private-abc/basic.ics"}, "", "")
	if err == nil || strings.Contains(err.Error(), "private-abc") || !strings.Contains(err.Error(), "only https") {
		t.Errorf("http to a remote host: %v", err)
	}
}

func TestRedirectToPlainHTTPIsRefused(t *testing.T) {
	target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, weekFeed("Interview"))
	}))
	defer target.Close()
	// A loopback server that redirects to a non-loopback plain http host.
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/ok" {
			http.Redirect(w, r, target.URL+"/c.ics", http.StatusFound)
			return
		}
		http.Redirect(w, r, "http://calendar.example.net/secret-path/c.ics", http.StatusFound)
	}))
	defer ts.Close()
	f := &Fetcher{MaxRetries: 1, Sleep: func(context.Context, time.Duration) error { return nil }}
	if _, err := f.Fetch(context.Background(), Source{Person: "P", Label: "$X", URL: ts.URL + "/bad"}, "", ""); err == nil ||
		!strings.Contains(err.Error(), "non-https") || strings.Contains(err.Error(), "secret-path") {
		t.Errorf("redirect off https: %v", err)
	}
	got, err := f.Fetch(context.Background(), Source{Person: "P", Label: "$X", URL: ts.URL + "/ok"}, "", "")
	if err != nil || len(got.Body) == 0 {
		t.Errorf("loopback redirect: %v", err)
	}
}

// One broken feed does not stop the others.
func TestBrokenFeedDoesNotStopOthers(t *testing.T) {
	st, _ := openStore(t)
	dir := t.TempDir()
	good := filepath.Join(dir, "sam.ics")
	if err := os.WriteFile(good, []byte(weekFeed("Sprint planning")), 0o644); err != nil {
		t.Fatal(err)
	}
	feeds := []config.CalendarFeed{
		{Person: "Priya Shah", ICS: "./missing.ics", File: filepath.Join(dir, "missing.ics")},
		{Person: "Sam Lee", ICS: "./sam.ics", File: good},
	}
	sums, err := Collect(context.Background(), st, CollectOptions{Feeds: feeds, Settings: config.CalendarSettings{KeepTitles: true}})
	if err != nil || len(sums) != 2 {
		t.Fatalf("%v %v", sums, err)
	}
	if sums[0].Status != store.CalendarFailed || !strings.Contains(sums[0].String(), "Priya Shah") || !strings.Contains(sums[0].String(), "missing.ics") {
		t.Errorf("broken feed: %s", sums[0])
	}
	if sums[1].Status != store.CalendarOK || sums[1].Occurrences != 14 {
		t.Errorf("good feed: %s", sums[1])
	}
	cals, err := st.Calendars(context.Background(), jiraClock.AddDate(0, 0, -28), jiraClock)
	if err != nil || len(cals) != 2 || cals[0].Loaded || !cals[1].Loaded || cals[1].Occurrences[0].Category != StoryWriting {
		t.Fatalf("Calendars: %+v %v", cals, err)
	}
}
