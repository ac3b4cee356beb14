package dashboard

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/roleload/roleload/internal/browser"
)

// artifacts is where the screenshots go: $ROLELOAD_ARTIFACTS, else a
// temporary folder (logged).
func artifacts(t *testing.T) string {
	dir := os.Getenv("ROLELOAD_ARTIFACTS")
	if dir == "" {
		dir = t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshots in %s", dir)
	return dir
}

func screenshot(t *testing.T, ctx context.Context, path string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// A head of product opens the front page, sees every team with its
// verdict, sorts, opens a team and from it a PM's week; no script from
// Jira or the config runs on the way.
func TestDashboardInBrowser(t *testing.T) {
	exe := browser.Require(t) // fails when CI is set and chromium is missing
	o := newOrg(t, "")
	out := artifacts(t)
	ctx, cancel := browser.New(exe, t.TempDir())
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 120*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx,
		chromedp.EmulateViewport(1440, 900),
		chromedp.Navigate(o.srv.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS("#teams")),
	); err != nil {
		t.Fatalf("load the front page: %v", err)
	}
	badges, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
		`[...document.querySelectorAll('#teams tbody tr')].map(r => r.dataset.team + '=' + r.querySelector('.badge').textContent.trim())`))
	if err != nil {
		t.Fatal(err)
	}
	if len(badges) != len(o.cfg.Teams) {
		t.Errorf("%d rows shown, want %d: %v", len(badges), len(o.cfg.Teams), badges)
	}
	for i := range o.cfg.Teams {
		team := &o.cfg.Teams[i]
		want := team.Name + "=" + levelText(o.analysisJSON(t, team)["verdict"].(map[string]any)["level"].(string))
		if !slices.Contains(badges, want) {
			t.Errorf("no row %q among %v", want, badges)
		}
	}
	// The verdicts are on the first screen: no scrolling to know.
	bottom, err := chromedp.Run(ctx, chromedp.Evaluate[float64](
		`Math.max(...[...document.querySelectorAll('#teams .badge')].map(b => b.getBoundingClientRect().bottom))`))
	if err != nil || bottom > 900 {
		t.Errorf("the last badge ends %v px down (%v), want all on a 900 px screen", bottom, err)
	}
	screenshot(t, ctx, filepath.Join(out, "front.png"))

	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`#teams thead th:first-child a`)),
		chromedp.WaitVisible(chromedp.CSS(`#teams`)),
	); err != nil {
		t.Fatalf("sort by team: %v", err)
	}
	names, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('#teams tbody tr')].map(r => r.dataset.team)`))
	if err != nil || !slices.IsSorted(names) || len(names) != len(o.cfg.Teams) {
		t.Errorf("after sorting by team: %v (%v)", names, err)
	}

	// The worst team's row leads to its page, the page to its PM.
	if err := chromedp.Do(ctx,
		chromedp.Navigate(o.srv.URL+"/?sort=verdict"),
		chromedp.Click(chromedp.CSS(`#teams tbody tr:first-child td:first-child a`)),
		chromedp.WaitVisible(chromedp.CSS(`.banner`)),
	); err != nil {
		t.Fatalf("open the first team: %v", err)
	}
	headline, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`.banner .headline`)))
	if err != nil || !strings.Contains(headline, "Hire a product owner") {
		t.Errorf("the worst team's page says %q (%v)", headline, err)
	}
	charts, err := chromedp.Run(ctx, chromedp.Evaluate[int](`[...document.images].filter(i => i.complete && i.naturalWidth > 0).length`))
	if err != nil || charts != 6 {
		t.Errorf("%d charts loaded (%v), want 6", charts, err)
	}
	screenshot(t, ctx, filepath.Join(out, "team.png"))

	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`a.person`)),
		chromedp.WaitVisible(chromedp.CSS(`#timeline`)),
	); err != nil {
		t.Fatalf("open the PM's page: %v", err)
	}
	loaded, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(i => i.complete && i.naturalWidth > 800)(document.getElementById('timeline'))`))
	if err != nil || !loaded {
		t.Errorf("timeline not loaded (%v)", err)
	}
	screenshot(t, ctx, filepath.Join(out, "person.png"))

	// The team with a script in its summaries, and the one in its name.
	for _, path := range []string{"/team/payments", "/team/payments/person/" + o.cfg.Teams[0].ProductManagers[0], teamURL(o.cfg.Teams[6].Name), "/"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(o.srv.URL+path), chromedp.WaitReady(chromedp.CSS(`main`))); err != nil {
			t.Fatalf("open %s: %v", path, err)
		}
		pwned, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.__pwned === 1`))
		if err != nil || pwned {
			t.Errorf("%s: a script from Jira ran (%v)", path, err)
		}
		text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`main`)))
		if err != nil || !strings.Contains(text, "<script>") {
			t.Errorf("%s: the hostile text is not shown as text (%v)", path, err)
		}
	}
}
