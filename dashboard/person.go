package dashboard

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"time"

	"github.com/roleload/roleload/analysis"
	"github.com/roleload/roleload/config"
	"github.com/roleload/roleload/reports"
	"github.com/roleload/roleload/reports/charts"
)

type personView struct {
	Nav         navView
	Base, Self  string // the team's and this page's URL
	Query       string
	Name, Role  string
	From, To    string
	Hours       []fig
	Unreliable  string
	Timeline    template.URL
	NoTimeline  bool
	Days        []dayRow
	Requests    []requestRow
	Answered    int
	Unanswered  int
	WorkingDays int
}

type fig struct{ Label, Value string }

type dayRow struct {
	Date                                 string
	Working                              bool
	Story, Discovery, Other, After, Meet string
	Issues                               []issueLink
}

type issueLink struct{ Key, URL string }

type requestRow struct {
	Key, URL, Summary, Rule, Requester, Opened, Answered, Waited string
	Open                                                         bool
}

// personOf finds the person of the request's team page; on error it has
// answered the request.
func (h *Handler) personOf(w http.ResponseWriter, r *http.Request) (*teamState, *analysis.PersonHours, bool) {
	ts, ok := h.teamFor(w, r)
	if !ok {
		return nil, nil, false
	}
	id := r.PathValue("id")
	for i := range ts.rep.Current.People {
		if p := &ts.rep.Current.People[i]; p.ID == id {
			return ts, p, true
		}
	}
	http.Error(w, "no such PM or PO in this team", http.StatusNotFound)
	return nil, nil, false
}

func (h *Handler) person(w http.ResponseWriter, r *http.Request) {
	ts, p, ok := h.personOf(w, r)
	if !ok {
		return
	}
	img, err := ts.timeline(p, charts.PNG)
	if err != nil {
		h.log.Warn("dashboard: timeline", "team", ts.team.Name, "err", err)
		http.Error(w, "The page could not be built; the server's log says why.", http.StatusInternalServerError)
		return
	}
	res := ts.rep.Current
	q := query(ts)
	v := personView{Nav: h.nav(ts), Base: teamURL(ts.team.Name), Query: q, Name: reports.OneLine(p.Name), Role: p.Role,
		From: res.Window.From, To: res.Window.To, WorkingDays: res.Window.WorkingDays, Timeline: dataURL("image/png", img)}
	v.Self = v.Base + "/person/" + url.PathEscape(p.ID)
	v.Hours = []fig{
		{"Story writing (PO work)", fmt.Sprintf("%.1f h", p.Hours.StoryWriting)},
		{"Discovery (PM work)", fmt.Sprintf("%.1f h", p.Hours.Discovery)},
		{"Other", fmt.Sprintf("%.1f h", p.Hours.Other)},
		{"Discovery share", share(p.DiscoveryShare)},
		{"After-hours share", share(p.AfterHoursShare)},
		{"Story writing per week", fmt.Sprintf("%.1f h", p.StoryWritingHoursPerWeek)},
	}
	if p.Coverage != nil && !p.Coverage.Reliable() || p.Coverage == nil && !res.Reliable {
		v.Unreliable = reports.Unreliable(res)
		if v.Unreliable == "" {
			v.Unreliable = "the time split of this person is not reliable (low coverage)"
		}
	}
	days := personDays(res, p.ID, ts.team)
	v.NoTimeline = len(blocksOf(res, p.ID)) == 0
	for _, d := range days {
		v.Days = append(v.Days, dayRowOf(d, ts.rep.JiraURL))
	}
	for _, q := range personRequests(res, p) {
		v.Requests = append(v.Requests, requestRowOf(q, ts.rep.JiraURL))
		if q.ResponseHours != nil {
			v.Answered++
		} else {
			v.Unanswered++
		}
	}
	var b bytes.Buffer
	if err := pageTemplates.ExecuteTemplate(&b, "person", v); err != nil {
		h.log.Warn("dashboard: person page", "err", err)
		http.Error(w, "The page could not be built; the server's log says why.", http.StatusInternalServerError)
		return
	}
	writeHTML(w, b.Bytes())
}

// timeline draws the person's timeline once per format and state.
func (ts *teamState) timeline(p *analysis.PersonHours, format charts.Format) ([]byte, error) {
	key := p.ID + "." + format.Ext()
	ts.mu.Lock()
	b, ok := ts.timelines[key]
	ts.mu.Unlock()
	if ok {
		return b, nil
	}
	days := personDays(ts.rep.Current, p.ID, ts.team)
	var cd []charts.Day
	for _, d := range days {
		cd = append(cd, d.Day)
	}
	title := fmt.Sprintf("%s (%s): %s to %s", reports.OneLine(p.Name), p.Role, ts.rep.Current.Window.From, ts.rep.Current.Window.To)
	b, err := charts.Timeline(title, cd, format)
	if err != nil {
		return nil, err
	}
	ts.mu.Lock()
	ts.timelines[key] = b
	ts.mu.Unlock()
	return b, nil
}

// day is one day of a person's timeline with what it sums to.
type day struct {
	charts.Day
	Minutes map[string]int // by category, "meeting" for calendar "other"
	After   int            // minutes outside working hours
	Issues  []string
}

func blocksOf(res *analysis.Result, id string) []analysis.TimelineBlock {
	var out []analysis.TimelineBlock
	for _, b := range res.Timeline {
		if b.PersonID == id {
			out = append(out, b)
		}
	}
	return out
}

// personDays lays the person's blocks out day by day over the window, in
// the team's time zone, a block that crosses midnight split in two.
func personDays(res *analysis.Result, id string, team *config.Team) []day {
	loc := team.Location
	from, err1 := time.ParseInLocation(time.DateOnly, res.Window.From, loc)
	to, err2 := time.ParseInLocation(time.DateOnly, res.Window.To, loc)
	if err1 != nil || err2 != nil {
		return nil
	}
	var days []day
	index := map[string]int{}
	for d := from; !d.After(to); d = d.AddDate(0, 0, 1) {
		date := d.Format(time.DateOnly)
		working := team.Weekdays[d.Weekday()] && !team.Holiday[date]
		index[date] = len(days)
		days = append(days, day{Day: charts.Day{Date: d, Working: working,
			Work: [2]int{int(team.DayStart.Minutes()), int(team.DayEnd.Minutes())}}, Minutes: map[string]int{}})
	}
	for _, b := range blocksOf(res, id) {
		cat := b.Category
		if b.Source == "calendar" && cat == "other" {
			cat = "meeting"
		}
		for s := b.Start.In(loc); s.Before(b.End); {
			midnight := time.Date(s.Year(), s.Month(), s.Day()+1, 0, 0, 0, 0, loc)
			e := b.End.In(loc)
			if e.After(midnight) {
				e = midnight
			}
			i, ok := index[s.Format(time.DateOnly)]
			if ok {
				d := &days[i]
				m0 := s.Hour()*60 + s.Minute()
				m1 := m0 + int(e.Sub(s).Minutes())
				d.Spans = append(d.Spans, charts.Span{From: m0, To: m1, Category: cat, Source: b.Source})
				d.Minutes[cat] += m1 - m0
				if cat != "meeting" {
					d.After += outside(d.Day, m0, m1)
				}
				for _, k := range b.Issues {
					if !slices.Contains(d.Issues, k) {
						d.Issues = append(d.Issues, k)
					}
				}
			}
			s = e
		}
	}
	return days
}

// outside is the minutes of [m0, m1) outside the day's working hours.
func outside(d charts.Day, m0, m1 int) int {
	if !d.Working {
		return m1 - m0
	}
	in := max(0, min(m1, d.Work[1])-max(m0, d.Work[0]))
	return m1 - m0 - in
}

func hm(min int) string {
	if min == 0 {
		return ""
	}
	return fmt.Sprintf("%d:%02d", min/60, min%60)
}

func dayRowOf(d day, jiraURL string) dayRow {
	r := dayRow{Date: d.Date.Format("Mon 2006-01-02"), Working: d.Working, Story: hm(d.Minutes["story_writing"]),
		Discovery: hm(d.Minutes["discovery"]), Other: hm(d.Minutes["other"]), Meet: hm(d.Minutes["meeting"]), After: hm(d.After)}
	for _, k := range d.Issues {
		r.Issues = append(r.Issues, issueLink{Key: reports.OneLine(k), URL: reports.IssueURL(jiraURL, k)})
	}
	return r
}

// personRequests are the requests the person answered, and for a PM or
// PO the ones still open: how long each waited.
func personRequests(res *analysis.Result, p *analysis.PersonHours) []analysis.Request {
	var out []analysis.Request
	for _, q := range res.Requests {
		if q.AnsweredByID == p.ID || q.AnsweredByID == "" && q.Answered == "" {
			out = append(out, q)
		}
	}
	return out
}

func requestRowOf(q analysis.Request, jiraURL string) requestRow {
	r := requestRow{Key: reports.OneLine(q.IssueKey), URL: reports.IssueURL(jiraURL, q.IssueKey), Summary: reports.OneLine(q.Summary),
		Rule: q.Rule, Requester: reports.OneLine(q.RequesterName), Opened: shortTime(q.Opened), Answered: shortTime(q.Answered)}
	if q.ResponseHours != nil {
		r.Waited = fmt.Sprintf("%.1f h", *q.ResponseHours)
	} else {
		r.Open, r.Waited = true, "still open"
		if q.Unanswered {
			r.Waited = "not answered in time"
		}
	}
	return r
}

func shortTime(s string) string {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return reports.OneLine(s)
	}
	return t.Format("Mon 01-02 15:04")
}
