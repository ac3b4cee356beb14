package reports

import (
	"fmt"
	"time"

	"github.com/roleload/roleload/analysis"
)

// Report is one team's weekly report: the week's analysis and, for the
// week-over-week changes, the previous week's (nil: no changes shown).
type Report struct {
	Team      string
	Week      string // ISO week, 2026-W47
	Current   *analysis.Result
	Previous  *analysis.Result
	JiraURL   string // issue links are JiraURL + "/browse/" + key; "" for no links
	Generated time.Time
	Charts    []Chart
}

// Chart is one rendered chart of the report.
type Chart struct {
	Name  string // metric, e.g. time-split
	Title string // alt text
	File  string // path relative to the report, charts/time-split.png
	CID   string // Content-ID when mailed, without angle brackets
	PNG   []byte
	SVG   []byte
}

// ImageMode says how the HTML refers to the charts.
type ImageMode int

const (
	// ImageFiles links the chart files of the archive folder.
	ImageFiles ImageMode = iota
	// ImageCID refers to MIME parts by Content-ID, for e-mail.
	ImageCID
	// ImageData embeds the images in the page (data: URLs), for a page
	// served on its own, as the dashboard's.
	ImageData
)

// Headline is the verdict in plain words, the first thing a reader sees.
func Headline(res *analysis.Result) string {
	if res == nil {
		return "No verdict"
	}
	po := res.Verdict.Subject == "po"
	switch res.Verdict.Level {
	case "hire_po":
		if po {
			return "The product owner is overloaded"
		}
		return "Hire a product owner"
	case "watch":
		if po {
			return "Watch: engineers need the product owner almost daily"
		}
		return "Watch: engineers need product input almost daily"
	case "ok":
		return "OK"
	}
	return "No verdict"
}

// Subject is the e-mail subject of a report, e.g.
// "roleload · checkout · 2026-W47 · Hire a product owner". It holds Jira
// and config text, so whoever puts it in a header must strip CR and LF.
func Subject(r *Report) string {
	return fmt.Sprintf("roleload · %s · %s · %s", oneLine(r.Team), oneLine(r.Week), Headline(r.Current))
}

func (r *Report) check() error {
	if r == nil || r.Current == nil {
		return fmt.Errorf("report has no analysis")
	}
	return nil
}
