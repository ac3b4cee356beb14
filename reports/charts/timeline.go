package charts

import (
	"fmt"
	"time"

	"github.com/wcharczuk/go-chart/v2/drawing"
)

// Span is one stretch of a person's time on one day, in minutes since
// that day's midnight.
type Span struct {
	From, To int
	Category string // story_writing | discovery | other | meeting
	Source   string // jira | calendar
}

// Day is one row of a timeline.
type Day struct {
	Date    time.Time
	Working bool   // a working day of the team's calendar
	Work    [2]int // working hours, minutes since midnight
	Spans   []Span
}

// Timeline sizes: one row per day.
const (
	TimelineWidth = 900
	timelineRow   = 18
)

var (
	colorWorkHours = drawing.ColorFromHex("EAF2FB")
	colorWeekend   = drawing.ColorFromHex("F5F5F5")
	colorMeeting   = drawing.ColorFromHex("7E57C2")
)

// SpanColor is a category's colour, as the timeline and its legend use it.
func SpanColor(category string) drawing.Color {
	switch category {
	case "story_writing":
		return colorStory
	case "discovery":
		return colorDiscovery
	case "meeting":
		return colorMeeting
	}
	return colorOther
}

// TimelineHeight is the height of a timeline of n days.
func TimelineHeight(n int) int { return 70 + n*timelineRow + 40 }

// Timeline draws each day as a row over 24 hours: working hours shaded,
// time outside them on white so after-hours work stands out, each span in
// its category's colour, calendar time drawn as a thinner bar.
func Timeline(title string, days []Day, format Format) ([]byte, error) {
	h := TimelineHeight(len(days))
	c, err := newCanvasSized(format, TimelineWidth, h)
	if err != nil {
		return nil, err
	}
	c.x0, c.x1, c.y0, c.y1 = 96, TimelineWidth-16, 62, 62+len(days)*timelineRow
	c.text(title, 16, 24, 17, colorText, alignLeft)
	c.text("one row per day · shaded: working hours · thick bars: Jira-visible, thin bars: calendar", 16, 44, 12, colorMuted, alignLeft)
	xpix := func(min int) int { return c.x0 + min*(c.x1-c.x0)/(24*60) }
	for i, d := range days {
		top := c.y0 + i*timelineRow
		if d.Working {
			c.rect(xpix(d.Work[0]), top+1, xpix(d.Work[1]), top+timelineRow-1, colorWorkHours)
		} else {
			c.rect(c.x0, top+1, c.x1, top+timelineRow-1, colorWeekend)
		}
		label := d.Date.Format("Mon 02 Jan")
		col := colorText
		if !d.Working {
			col = colorMuted
		}
		c.text(label, c.x0-8, top+timelineRow-5, 11, col, alignRight)
		for _, s := range d.Spans {
			x0, x1 := xpix(s.From), xpix(s.To)
			if x1 <= x0 {
				x1 = x0 + 1 // a minute's work still shows
			}
			if s.Source == "calendar" {
				c.rect(x0, top+timelineRow/2-2, x1, top+timelineRow/2+3, SpanColor(s.Category))
			} else {
				c.rect(x0, top+3, x1, top+timelineRow-3, SpanColor(s.Category))
			}
		}
	}
	for hr := 0; hr <= 24; hr += 3 {
		x := xpix(hr * 60)
		c.line(x, c.y0, x, c.y1, colorGrid, 1, nil)
		c.text(fmt.Sprintf("%02d:00", hr%24), x, c.y1+14, 11, colorMuted, alignCenter)
	}
	x := c.x0
	for _, l := range []struct{ cat, name string }{{"story_writing", "story writing (PO work)"}, {"discovery", "discovery (PM work)"}, {"other", "other"}, {"meeting", "meetings"}} {
		c.rect(x, c.y1+24, x+12, c.y1+34, SpanColor(l.cat))
		c.text(l.name, x+16, c.y1+34, 12, colorText, alignLeft)
		x += 28 + c.textWidth(l.name, 12)
	}
	return c.bytes()
}
