// Command screenshot renders an HTML report (or an SVG chart) with headless
// Chromium into a PNG, to look at what the renderers made:
//
//	go run ./reports/internal/screenshot -in demo-out/checkout/2026-W48/report.html -out /tmp/report.png
//
// It is a development tool; the same check runs as TestReportInBrowser.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/roleload/roleload/internal/browser"
)

func main() {
	in := flag.String("in", "", "HTML or SVG file to render")
	out := flag.String("out", "screenshot.png", "PNG to write")
	width := flag.Int("width", 680, "viewport width in pixels (e-mail clients show about 640)")
	exe := flag.String("chromium", "/usr/bin/chromium", "browser executable")
	flag.Parse()
	if err := run(*in, *out, *exe, *width); err != nil {
		fmt.Fprintln(os.Stderr, "screenshot:", err)
		os.Exit(1)
	}
}

func run(in, out, exe string, width int) error {
	abs, err := filepath.Abs(in)
	if err != nil {
		return err
	}
	profile, err := os.MkdirTemp("", "roleload-chromium-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(profile)
	ctx, cancel := browser.New(exe, profile)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, time.Minute)
	defer cancel()
	root := "body"
	if filepath.Ext(in) == ".svg" {
		root = "svg" // an SVG document has no body
	}
	if err := chromedp.Do(ctx,
		chromedp.EmulateViewport(int64(width), 900),
		chromedp.Navigate("file://"+abs),
		chromedp.WaitReady(chromedp.CSS(root)),
	); err != nil {
		return fmt.Errorf("load %s: %w", in, err)
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		return err
	}
	return os.WriteFile(out, png, 0o644)
}
