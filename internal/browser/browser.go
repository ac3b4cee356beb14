// Package browser starts headless Chromium for looking at rendered reports
// (the screenshot test and the screenshot tool share it).
package browser

import (
	"context"
	"os/exec"

	"github.com/chromedp/chromedp"
)

// Find returns the first Chromium-like browser on this machine, or "".
func Find() string {
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// New starts exe headless with a fresh profile in profileDir. The flags
// keep it off the network: this machine's closed network refuses
// Chromium's background connections, many at a time, and it runs as root
// (hence no sandbox).
func New(exe, profileDir string) (context.Context, context.CancelFunc) {
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(exe),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(profileDir),
	)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	return ctx, func() { cancelCtx(); cancelAlloc() }
}
