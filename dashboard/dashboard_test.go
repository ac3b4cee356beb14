package dashboard

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/roleload/roleload/app"
	"github.com/roleload/roleload/collector"
	"github.com/roleload/roleload/config"
	"github.com/roleload/roleload/internal/browser"
	"github.com/roleload/roleload/model"
	"github.com/roleload/roleload/store"
)

// serveDashboard collects the overloaded scenario and serves the
// dashboard of it over HTTP.
func serveDashboard(t *testing.T, password string) (*httptest.Server, *config.Config) {
	srv, cfg, _, _ := serveDashboardOf(t, password)
	return srv, cfg
}

func serveDashboardOf(t *testing.T, password string) (*httptest.Server, *config.Config, *Handler, *store.Store) {
	t.Helper()
	sim, err := app.NewSim("overloaded", model.Cloud, 1)
	if err != nil {
		t.Fatal(err)
	}
	jira := httptest.NewServer(sim.Server)
	t.Cleanup(jira.Close)
	cfg, err := sim.Config(jira.URL, filepath.Join(t.TempDir(), "r.db"), "test.yaml")
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(context.Background(), cfg.Store.Path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := collector.Run(context.Background(), st, collector.Options{Jira: cfg.Jira}); err != nil {
		t.Fatal(err)
	}
	now := sim.Server.Now()
	h := New(cfg, st, password, func() time.Time { return now }, nil)
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv, cfg, h, st
}

// A page is built once per collect: visits in between get the same page.
func TestDashboardBuildsAPageOncePerCollect(t *testing.T) {
	srv, cfg, h, st := serveDashboardOf(t, "")
	url := srv.URL + "/team/" + cfg.Teams[0].Name
	_, first, _ := get(t, url, "")
	_, again, _ := get(t, url, "")
	if h.built.Load() != 1 || again != first {
		t.Errorf("%d pages built for two visits, want 1 and the same page", h.built.Load())
	}
	get(t, url+"?weeks=12", "")
	if h.built.Load() != 2 {
		t.Errorf("another window: %d built, want 2", h.built.Load())
	}
	ctx := context.Background()
	id, err := st.StartRun(ctx, time.Now(), "cloud")
	if err != nil {
		t.Fatal(err)
	}
	if err := st.FinishRun(ctx, store.SyncRun{ID: id, Finished: time.Now(), Status: store.RunOK, Flavor: "cloud"}); err != nil {
		t.Fatal(err)
	}
	get(t, url, "")
	if h.built.Load() != 3 {
		t.Errorf("after a collect: %d built, want the page built again (3)", h.built.Load())
	}
}

func get(t *testing.T, url, password string) (int, string, http.Header) {
	t.Helper()
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	if password != "" {
		req.SetBasicAuth("manager", password)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b), res.Header
}

func TestDashboardPages(t *testing.T) {
	srv, cfg := serveDashboard(t, "")
	code, page, hdr := get(t, srv.URL+"/", "")
	if code != 200 || !strings.Contains(page, "Hire a product owner") {
		t.Fatalf("GET / (redirected to the first team): %d, page without the verdict", code)
	}
	if !strings.Contains(hdr.Get("Content-Security-Policy"), "default-src 'none'") {
		t.Errorf("no content security policy: %v", hdr)
	}
	for _, want := range []string{`src="data:image/png;base64,`, `name="week"`, `<option value="4" selected>`, "<strong>" + cfg.Teams[0].Name + "</strong>"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if n := strings.Count(page, `src="data:image/png`); n != 6 {
		t.Errorf("%d charts on the page, want 6", n)
	}
	for _, tc := range []struct {
		path string
		code int
	}{
		{"/team/" + cfg.Teams[0].Name + "?weeks=12", 200},
		{"/team/nobody", 404},
		{"/team/" + cfg.Teams[0].Name + "?weeks=0", 400},
		{"/team/" + cfg.Teams[0].Name + "?week=last", 400},
		{"/team/" + cfg.Teams[0].Name + "?weeks=3", 400},       // not a window the picker offers
		{"/team/" + cfg.Teams[0].Name + "?week=1999-W10", 400}, // before any Jira
		{"/team/" + cfg.Teams[0].Name + "?week=2099-W10", 400}, // the future
		{"/team/" + cfg.Teams[0].Name + "?week=2025-W10", 422}, // no data then
	} {
		code, body, _ := get(t, srv.URL+tc.path, "")
		if code != tc.code {
			t.Errorf("GET %s: %d (%.80s), want %d", tc.path, code, body, tc.code)
		}
		if strings.Contains(body, cfg.Store.Path) || strings.Contains(body, "SELECT") {
			t.Errorf("GET %s: the error page shows internals: %s", tc.path, body)
		}
	}
	// DNS rebinding: a page elsewhere whose name resolves to 127.0.0.1.
	req, _ := http.NewRequest("GET", srv.URL+"/team/"+cfg.Teams[0].Name, nil)
	req.Host = "attacker.example:80"
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusMisdirectedRequest {
		t.Errorf("Host attacker.example: %d, want 421", res.StatusCode)
	}
}

func TestDashboardPassword(t *testing.T) {
	srv, _ := serveDashboard(t, "s3cret")
	if code, _, hdr := get(t, srv.URL+"/", ""); code != 401 || hdr.Get("WWW-Authenticate") == "" {
		t.Errorf("without password: %d, want 401 with a challenge", code)
	}
	if code, _, _ := get(t, srv.URL+"/", "wrong"); code != 401 {
		t.Errorf("wrong password: %d, want 401", code)
	}
	if code, _, _ := get(t, srv.URL+"/", "s3cret"); code != 200 {
		t.Errorf("right password: %d, want 200", code)
	}
	for _, tc := range []struct {
		addr, password string
		ok             bool
	}{
		{"127.0.0.1:8080", "", true},
		{"localhost:8080", "", true},
		{"[::1]:8080", "", true},
		{"0.0.0.0:8080", "", false},
		{":8080", "", false},
		{"0.0.0.0:8080", "s3cret", true},
	} {
		if err := CheckAddr(tc.addr, tc.password); (err == nil) != tc.ok {
			t.Errorf("CheckAddr(%q, %q) = %v, want ok %v", tc.addr, tc.password, err, tc.ok)
		}
	}
}

// A manager's browser shows the verdict on the first screen, every chart
// loaded (the page's own security policy allows them), and the window
// picker changes the window.
func TestDashboardInBrowser(t *testing.T) {
	exe := browser.Require(t) // fails in CI without chromium, skips elsewhere
	srv, cfg := serveDashboard(t, "")
	ctx, cancel := browser.New(exe, t.TempDir())
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 90*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx,
		chromedp.EmulateViewport(1200, 900),
		chromedp.Navigate(srv.URL+"/team/"+cfg.Teams[0].Name),
		chromedp.WaitVisible(chromedp.CSS("img[alt]")),
	); err != nil {
		t.Fatalf("load dashboard: %v", err)
	}
	top, err := chromedp.Run(ctx, chromedp.Evaluate[float64](
		`[...document.querySelectorAll('div')].find(d => d.textContent.trim() === 'Hire a product owner').getBoundingClientRect().top`))
	if err != nil || top < 0 || top > 400 {
		t.Errorf("verdict at %v px (%v), want it on the first screen", top, err)
	}
	loaded, err := chromedp.Run(ctx, chromedp.Evaluate[int](
		`[...document.images].filter(i => i.complete && i.naturalWidth > 0).length`))
	if err != nil || loaded != 6 {
		t.Errorf("%d charts loaded (%v), want 6", loaded, err)
	}
	if err := chromedp.Do(ctx,
		chromedp.SetValue(chromedp.CSS(`select[name="weeks"]`), "12"),
		chromedp.Submit(chromedp.CSS(`form`)),
		chromedp.WaitReady(chromedp.CSS(`option[value="12"][selected]`)),
	); err != nil {
		t.Fatalf("pick a 12-week window: %v", err)
	}
	loc, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.search`))
	if err != nil || !strings.Contains(loc, "weeks=12") {
		t.Errorf("after picking 12 weeks the page is %q (%v)", loc, err)
	}
}
