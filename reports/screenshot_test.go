package reports

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/roleload/roleload/internal/browser"
)

var shots = flag.String("shots", "", "keep the browser screenshots of the report in this directory")

// chromium finds the browser; without one the test fails in CI and is
// skipped with a notice elsewhere (browser.Require).
func chromium(t *testing.T) string {
	t.Helper()
	return browser.Require(t)
}

// TestReportInBrowser opens the archived HTML report in headless Chromium
// at e-mail width, checks that the headline is on screen without
// scrolling, and saves a full-page screenshot to look at.
func TestReportInBrowser(t *testing.T) {
	exe := chromium(t)
	out := *shots
	if out == "" {
		out = t.TempDir()
	}
	tests := []struct {
		name     string
		report   func() *Report
		headline string
	}{
		{"hire-po", func() *Report { return fixedReport(true) }, "Hire a product owner"},
		{"unreliable-watch", func() *Report {
			r := fixedReport(true)
			r.Current.Verdict.Level = "watch"
			r.Current.Reliable = false
			r.Current.Coverage.PMActiveDayShare = 0.4
			cs, err := RenderCharts(r.Current.Weekly, r.Current)
			if err != nil {
				t.Fatal(err)
			}
			r.Charts = cs
			return r
		}, "Watch: engineers need product input almost daily"},
	}
	ctx, cancel := newBrowser(t, exe)
	defer cancel()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, err := WriteArchive(t.TempDir(), tt.report())
			if err != nil {
				t.Fatal(err)
			}
			tab, cancel := chromedp.NewContext(ctx)
			defer cancel()
			tab, cancel = context.WithTimeout(tab, 60*time.Second)
			defer cancel()
			err = chromedp.Do(tab,
				chromedp.EmulateViewport(680, 900),
				chromedp.Navigate("file://"+filepath.Join(dir, "report.html")),
				chromedp.WaitVisible(chromedp.CSS("img[alt]")),
			)
			if err != nil {
				t.Fatalf("load report: %v", err)
			}
			body, err := chromedp.Run(tab, chromedp.Text(chromedp.CSS("body")))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(body, tt.headline) {
				t.Errorf("page text does not show %q", tt.headline)
			}
			// The headline must be in the first screen and the charts loaded.
			top, err := chromedp.Run(tab, chromedp.Evaluate[float64](
				`[...document.querySelectorAll('div')].find(d => d.textContent.trim() === `+jsString(tt.headline)+`).getBoundingClientRect().top`))
			if err != nil {
				t.Fatalf("find headline: %v", err)
			}
			if top < 0 || top > 300 {
				t.Errorf("headline is %v px down the page, want it on the first screen", top)
			}
			loaded, err := chromedp.Run(tab, chromedp.Evaluate[bool](
				`[...document.images].every(i => i.complete && i.naturalWidth > 0)`))
			if err != nil || !loaded {
				t.Errorf("charts not loaded: %v", err)
			}
			png, err := chromedp.Run(tab, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(out, tt.name+".png"), png, 0o644); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func newBrowser(t *testing.T, exe string) (context.Context, context.CancelFunc) {
	t.Helper()
	return browser.New(exe, t.TempDir())
}

func jsString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}
