package reports

import (
	"strings"
	"testing"
	"time"

	"github.com/roleload/roleload/analysis"
)

// The largest calendar blocks are listed in every rendering, with their
// length and kind; a hostile title stays text; without calendars there is
// no such section.
func TestCalendarBlocksListed(t *testing.T) {
	r := goldenReport()
	for _, out := range render(t, r) {
		if strings.Contains(out, "Largest calendar blocks") {
			t.Fatal("a report without calendars lists calendar blocks")
		}
	}
	start := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)
	r.Current.CalendarBlocks = []analysis.CalendarBlock{
		{Person: "Priya Shah", Start: start, End: start.Add(90 * time.Minute), Category: "discovery", Title: "Customer interview <script>alert(1)</script> | x"},
		{Person: "Priya Shah", Start: start.Add(24 * time.Hour), End: start.Add(25 * time.Hour), Category: "other"},
	}
	for name, out := range render(t, r) {
		for _, want := range []string{"Largest calendar blocks", "1.5 h", "discovery", "Customer interview", "meeting", "title not kept"} {
			if !strings.Contains(out, want) {
				t.Errorf("%s lacks %q", name, want)
			}
		}
		// Markdown escapes "<" with a backslash; HTML as an entity.
		if name != "text" && strings.Contains(strings.ReplaceAll(strings.ToLower(out), `\<script`, ""), "<script") {
			t.Errorf("%s carries the title's markup unescaped", name)
		}
	}
}

func render(t *testing.T, r *Report) map[string]string {
	t.Helper()
	h, err := RenderHTML(r, ImageCID)
	if err != nil {
		t.Fatal(err)
	}
	md, err := RenderMarkdown(r)
	if err != nil {
		t.Fatal(err)
	}
	return map[string]string{"html": string(h), "markdown": string(md), "text": RenderText(r)}
}
