package reports

import (
	"encoding/base64"
	"fmt"
	"html/template"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/roleload/roleload/analysis"
	"github.com/roleload/roleload/analysis/signal"
)

// view is the report laid out once, as strings, for every output format:
// the formats differ in markup only, never in figures or wording.
type view struct {
	Team, Week, From, To string
	WorkingDays          int
	Period               string // "last 4 weeks": what the figures cover
	Level, Headline      string
	Reasons              []string
	HasPrevious          bool
	Unreliable           string // "" when the time split can be trusted
	HoursNote            string
	Groups               []group
	Signals              []signalRow
	Evidence             []evidenceRow
	CalendarBlocks       []calendarRow // the largest calendar blocks (none without calendars)
	Answerers            []string
	Charts               []chartView
	Generated            string
}

type group struct {
	Title string
	Note  string
	Rows  []row
}

type row struct {
	Label, Value, Range, Delta, Tone string
	Sub                              bool // a subcategory, indented
}

type signalRow struct {
	Label, Value, Threshold string
	Tripped                 bool
	// Unknown: the data to judge the signal is missing (SPEC §6.6); Why
	// says why and how to fix it.
	Unknown bool
	Why     string
}

type evidenceRow struct {
	Key, URL, Summary, Requester, Opened, Answered, AnsweredBy, Response string
}

type chartView struct {
	Title string
	// Src is built here from sanitized names only; html/template would
	// otherwise replace the "cid:" scheme it does not know with #ZgotmplZ.
	Src           template.URL
	Width, Height int
}

const hoursNote = "Hours count only work that Jira can see (creating, editing, commenting, " +
	"moving issues, worklogs); meetings, chat and documents are invisible to it, so real " +
	"time is higher. Ranges run from a fast writer with short pauses (low) to a slow " +
	"writer with long pauses (high)."

const calendarHoursNote = "Hours count work that Jira or a calendar can see: Jira activity (creating, " +
	"editing, commenting, moving issues, worklogs) plus calendar events classified as discovery or " +
	"story writing; other meetings are shown apart and are not in the split; chat and documents stay " +
	"invisible. Ranges apply to the Jira part only: from a fast writer with short pauses (low) to a " +
	"slow writer with long pauses (high), with the calendar part added to both ends."

func newView(r *Report, mode ImageMode) *view {
	cur, prev := r.Current, r.Previous
	v := &view{
		Team: oneLine(r.Team), Week: oneLine(r.Week),
		From: cur.Window.From, To: cur.Window.To, WorkingDays: cur.Window.WorkingDays,
		Level: cur.Verdict.Level, Headline: Headline(cur),
		Period: period(cur.Window), Reasons: reasons(cur), HasPrevious: prev != nil,
		HoursNote: hoursNote,
	}
	for i := range cur.People {
		if hasCalendar(&cur.People[i]) {
			v.HoursNote = calendarHoursNote
		}
	}
	if u := unjudged(cur); u != "" {
		v.Reasons = append(v.Reasons, u)
	}
	if !r.Generated.IsZero() {
		v.Generated = r.Generated.UTC().Format("2006-01-02 15:04 UTC")
	}
	if !cur.Reliable {
		v.Unreliable = unreliable(cur)
	}
	reqs := teamGroup("Engineers' requests for product input", requestMeasures, cur, prev)
	reqs.Note = fewRequests(cur)
	v.Groups = append(v.Groups, reqs)
	for i := range cur.People {
		v.Groups = append(v.Groups, personGroup(&cur.People[i], person(prev, cur.People[i].ID), personUnreliable(&cur.People[i], v.Unreliable)))
	}
	v.Groups = append(v.Groups, teamGroup("Backlog and team", backlogMeasures, cur, prev))
	cov := teamGroup("Data coverage", coverageMeasures, cur, prev)
	if who := subjectRole(cur); who != "PM" {
		// Coverage is measured on whose load the verdict speaks of.
		for i := range cov.Rows {
			cov.Rows[i].Label = strings.ReplaceAll(cov.Rows[i].Label, "PM's", who+"'s")
		}
	}
	cov.Rows = append(cov.Rows, row{Label: "Every changelog complete", Value: yesNo(cur.Coverage.ChangelogsComplete)})
	v.Groups = append(v.Groups, cov)
	v.Signals = signals(cur)
	v.Evidence = evidence(cur, r.JiraURL)
	v.CalendarBlocks = calendarRows(cur)
	if hasPO(cur) {
		v.Answerers = answerers(cur)
	}
	for _, c := range r.Charts {
		if len(c.PNG) == 0 {
			continue
		}
		src := chartFile(c.Name, "png")
		switch mode {
		case ImageCID:
			src = "cid:" + ContentID(c)
		case ImageData:
			src = "data:image/png;base64," + base64.StdEncoding.EncodeToString(c.PNG)
		}
		v.Charts = append(v.Charts, chartView{Title: c.Title, Src: template.URL(src), Width: chartWidth, Height: chartHeight})
	}
	return v
}

func teamGroup(title string, ms []measure, cur, prev *analysis.Result) group {
	g := group{Title: title}
	for _, m := range ms {
		val := m.get(cur)
		var d *float64
		if prev != nil {
			d = delta(val, m.get(prev))
		}
		g.Rows = append(g.Rows, row{Label: m.label, Value: fmtValue(val, m.unit), Delta: fmtDelta(d, m.unit), Tone: tone(d, m.worse)})
	}
	return g
}

func personGroup(p, prev *analysis.PersonHours, unreliable string) group {
	role := strings.ToUpper(oneLine(p.Role))
	g := group{Title: fmt.Sprintf("%s's time (%s, Jira-visible)", oneLine(p.Name), role)}
	ms := personMeasures
	if hasCalendar(p) {
		g.Title = fmt.Sprintf("%s's time (%s, Jira and calendar)", oneLine(p.Name), role)
		ms = append(slices.Clone(personMeasures), sourceMeasures...)
	}
	if unreliable != "" {
		g.Title += ": not reliable"
		g.Note = "Estimates only: " + unreliable + "."
	}
	for _, m := range ms {
		val := m.get(p)
		var d *float64
		if prev != nil {
			d = delta(val, m.get(prev))
		}
		rw := row{Label: strings.TrimPrefix(m.label, "· "), Value: fmtValue(val, m.unit),
			Delta: fmtDelta(d, m.unit), Tone: tone(d, m.worse), Sub: strings.HasPrefix(m.label, "·")}
		if m.rng != nil {
			lo, hi, _ := m.rng(p)
			rw.Range = fmt.Sprintf("%.1f–%.1f h", lo, hi)
		}
		g.Rows = append(g.Rows, rw)
	}
	return g
}

// reasons are the verdict's sentences, or, when the result carries none
// (one not made by analysis.Analyze), the signal table's sentence of each
// tripped signal, told from the result (and the thresholds it carries).
func reasons(r *analysis.Result) []string {
	var out []string
	for _, s := range r.Verdict.Reasons {
		out = append(out, oneLine(s))
	}
	if len(out) > 0 {
		return out
	}
	role := subjectRole(r)
	var names []string
	for _, p := range r.People {
		if strings.EqualFold(p.Role, role) {
			names = append(names, p.Name)
		}
	}
	ir := r.InputRequests
	facts := signal.Facts{Who: signal.Who(role, names), Estimate: !r.Reliable, DaysWithRequests: ir.DaysWithRequests,
		WorkingDays: ir.WorkingDays, Requesters: ir.Requesters, UnansweredAfter: r.Thresholds.UnansweredAfter}
	for _, s := range r.Verdict.Signals {
		if d, ok := signal.Lookup(s.Name); ok && s.Tripped && s.Value != nil {
			out = append(out, oneLine(d.Reason(*s.Value, facts)))
		}
	}
	if len(out) == 0 {
		out = append(out, "No warning signal tripped.")
	}
	return out
}

// unjudged says how many signals could not be judged (SPEC §6.6), or "".
func unjudged(r *analysis.Result) string {
	n := 0
	for _, s := range r.Verdict.Signals {
		if !s.Known {
			n++
		}
	}
	switch n {
	case 0:
		return ""
	case 1:
		return fmt.Sprintf("1 of %d signals could not be judged: its data is missing (see Signals for why and the fix).", len(r.Verdict.Signals))
	}
	return fmt.Sprintf("%d of %d signals could not be judged: their data is missing (see Signals for why and the fix).", n, len(r.Verdict.Signals))
}

// label is a signal's label from the signal table; an unknown name is
// shown as it is.
func label(name string) string {
	if d, ok := signal.Lookup(name); ok {
		return d.Label
	}
	return oneLine(name)
}

// unreliable says why the time split is not to be taken as fact.
func unreliable(r *analysis.Result) string {
	return unreliableWhy(r.Coverage, subjectRole(r))
}

// personUnreliable is why one person's split is not to be taken as fact,
// from their own coverage: with a PO the result's coverage is the PO's
// and says nothing of the PM. Without it (an older result), the result's.
func personUnreliable(p *analysis.PersonHours, result string) string {
	if p.Coverage == nil {
		return result
	}
	if p.Coverage.Reliable() {
		return ""
	}
	return unreliableWhy(*p.Coverage, strings.ToUpper(oneLine(p.Role)))
}

func unreliableWhy(c analysis.Coverage, who string) string {
	var why []string
	if c.PMActiveDayShare < signal.MinActiveDayShare {
		why = append(why, fmt.Sprintf("the %s shows Jira activity on only %s of working days", who, fmtValue(f(c.PMActiveDayShare), share)))
	}
	if c.UnclassifiedShare > signal.MaxUnclassifiedShare {
		why = append(why, fmt.Sprintf("%s of the %s's events fall in no category", fmtValue(f(c.UnclassifiedShare), share), who))
	}
	if !c.ChangelogsComplete {
		why = append(why, "some issue histories are incomplete")
	}
	if len(why) == 0 {
		why = append(why, "coverage is too low")
	}
	return "the time split is not reliable: " + strings.Join(why, "; ")
}

// subjectRole is whose coverage and load the result measures: the PO's
// when the team has one (SPEC §6.6), else the PM's.
func subjectRole(r *analysis.Result) string {
	if r.Verdict.Subject == "po" {
		return "PO"
	}
	return "PM"
}

func signals(r *analysis.Result) []signalRow {
	var out []signalRow
	for _, s := range r.Verdict.Signals {
		u := signalUnit(s.Name)
		row := signalRow{Label: label(s.Name), Value: fmtValue(s.Value, u),
			Threshold: fmtValue(f(s.Threshold), u), Tripped: s.Tripped}
		if !s.Known {
			row.Value, row.Tripped, row.Unknown, row.Why = "unknown", false, true, "its data is missing."
			if s.Why != nil {
				row.Why = oneLine(*s.Why)
			}
		}
		out = append(out, row)
	}
	return out
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// chartFile is where the archive keeps a chart, relative to the report.
func chartFile(name, ext string) string {
	return "charts/" + SafeName(name) + "." + ext
}

// ContentID is the chart's MIME Content-ID (without angle brackets),
// limited to characters that are safe in a header and in a cid: URL.
func ContentID(c Chart) string {
	id := c.CID
	if id == "" {
		id = c.Name + "@roleload"
	}
	return strings.Map(func(r rune) rune {
		if r < 128 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("._-@", r)) {
			return r
		}
		return '-'
	}, id)
}

// period names the window the figures cover, for column headers: the
// report is weekly but its figures span the analysis window.
func period(w analysis.Window) string {
	from, err1 := time.Parse(time.DateOnly, w.From)
	to, err2 := time.Parse(time.DateOnly, w.To)
	if err1 != nil || err2 != nil || to.Before(from) {
		return "window"
	}
	weeks := int(math.Round(to.Sub(from).Hours()/24+1) / 7)
	switch {
	case weeks <= 1:
		return "last week"
	}
	return fmt.Sprintf("last %d weeks", weeks)
}

// fewAnswers: below this many answered requests a median and a p90 are a
// handful of cases, not a measure of how fast product answers.
const fewAnswers = 5

// fewRequests warns when the answer times rest on too few requests to be
// read as fact; "" when there are enough (or none, when n/a says it all).
func fewRequests(r *analysis.Result) string {
	ir := r.InputRequests
	if ir.ResponseHoursP50 == nil && ir.ResponseHoursP90 == nil {
		return ""
	}
	answered := 0
	for _, q := range r.Requests {
		if q.ResponseHours != nil {
			answered++
		}
	}
	if len(r.Requests) == 0 {
		answered = ir.Total // a result without its request list (JSON): all we know
	}
	if answered >= fewAnswers {
		return ""
	}
	return fmt.Sprintf("Only %d answered request(s) in this window: the answer times are an indication, not a measure.", answered)
}
