package dashboard

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"strconv"
	"strings"

	"github.com/roleload/roleload/analysis"
	"github.com/roleload/roleload/reports"
	"github.com/roleload/roleload/reports/charts"
)

// Downloads: every chart as PNG and SVG, every table as CSV. The CSVs
// hold the figures as `analyze --format json` writes them (every digit,
// no unit, empty for null), so a spreadsheet and the JSON agree.

// splitFile reads "name.ext" into the name and a chart format.
func splitFile(file string) (string, charts.Format, bool) {
	i := strings.LastIndexByte(file, '.')
	if i <= 0 {
		return "", 0, false
	}
	f, err := charts.ParseFormat(file[i+1:])
	if err != nil {
		return "", 0, false
	}
	return file[:i], f, true
}

func writeImage(w http.ResponseWriter, name string, f charts.Format, b []byte) {
	ct := "image/png"
	if f == charts.SVG {
		ct = "image/svg+xml"
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Content-Disposition", `attachment; filename="`+reports.SafeName(name)+"."+f.Ext()+`"`)
	w.Header().Set("Cache-Control", "no-store")
	w.Write(b)
}

func writeCSV(w http.ResponseWriter, name string, rows [][]string) {
	var b bytes.Buffer
	cw := csv.NewWriter(&b)
	for _, r := range rows {
		for i, c := range r {
			r[i] = csvSafe(c)
		}
	}
	cw.WriteAll(rows)
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+reports.SafeName(name)+`.csv"`)
	w.Header().Set("Cache-Control", "no-store")
	w.Write(b.Bytes())
}

// csvSafe keeps a spreadsheet from running Jira text as a formula.
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		if _, err := strconv.ParseFloat(s, 64); err != nil {
			return "'" + s
		}
	}
	return s
}

// teamForFile answers 404 unless the file's name was understood, and is
// otherwise teamFor: on false it has answered the request.
func (h *Handler) teamForFile(w http.ResponseWriter, r *http.Request, known bool) (*teamState, bool) {
	if !known {
		http.NotFound(w, r)
		return nil, false
	}
	return h.teamFor(w, r)
}

func (h *Handler) compareChart(w http.ResponseWriter, r *http.Request) {
	name, f, ok := splitFile(r.PathValue("file"))
	if !ok || name != "teams" {
		http.NotFound(w, r)
		return
	}
	s, err := h.current(r.Context())
	if err != nil {
		code, msg := pageError(err)
		http.Error(w, msg, code)
		return
	}
	b := s.compare
	if f == charts.SVG {
		if b, err = comparison(h.cfg, s.teams, f); err != nil {
			h.log.Warn("dashboard: comparison", "err", err)
			http.Error(w, "The chart could not be drawn; the server's log says why.", http.StatusInternalServerError)
			return
		}
	}
	writeImage(w, "teams-compared", f, b)
}

func (h *Handler) sparkChart(w http.ResponseWriter, r *http.Request) {
	name, f, ok := splitFile(r.PathValue("file"))
	ts, ok := h.teamForFile(w, r, ok && (name == "daily-inputs" || name == "discovery"))
	if !ok {
		return
	}
	b := ts.sparks[name]
	if f == charts.SVG {
		var err error
		if b, err = spark(ts.rep.Current, name, f); err != nil {
			http.Error(w, "The chart could not be drawn; the server's log says why.", http.StatusInternalServerError)
			return
		}
	}
	writeImage(w, ts.team.Name+"-"+name+"-trend", f, b)
}

func (h *Handler) teamChart(w http.ResponseWriter, r *http.Request) {
	name, f, ok := splitFile(r.PathValue("file"))
	ts, ok := h.teamForFile(w, r, ok)
	if !ok {
		return
	}
	for _, c := range ts.rep.Charts {
		if c.Name == name {
			b := c.PNG
			if f == charts.SVG {
				b = c.SVG
			}
			writeImage(w, ts.team.Name+"-"+name+"-"+ts.week.String(), f, b)
			return
		}
	}
	http.NotFound(w, r)
}

func (h *Handler) frontCSV(w http.ResponseWriter, r *http.Request) {
	s, err := h.current(r.Context())
	if err != nil {
		code, msg := pageError(err)
		http.Error(w, msg, code)
		return
	}
	head := []string{"team", "week", "verdict"}
	for _, n := range signalNames {
		head = append(head, n, n+"_threshold", n+"_state")
	}
	rows := [][]string{append(head, "daily_share", "reliable", "last_sync")}
	for _, ts := range s.teams {
		row := []string{ts.team.Name, ts.week.String()}
		if ts.rep == nil {
			_, msg := pageError(ts.err)
			rows = append(rows, append(row, "error: "+msg))
			continue
		}
		res := ts.rep.Current
		row = append(row, res.Verdict.Level)
		ms := marks(res)
		for i, n := range signalNames {
			thr := ""
			for _, sg := range res.Verdict.Signals {
				if sg.Name == n {
					thr = strconv.FormatFloat(sg.Threshold, 'f', -1, 64)
				}
			}
			row = append(row, num(signalValue(res, n)), thr, ms[i].State)
		}
		sync := ""
		if !s.lastSync.IsZero() {
			sync = s.lastSync.UTC().Format("2006-01-02T15:04:05Z")
		}
		rows = append(rows, append(row, num(&res.InputRequests.DailyShare), strconv.FormatBool(res.Reliable), sync))
	}
	writeCSV(w, "teams", rows)
}

func (h *Handler) teamCSV(w http.ResponseWriter, r *http.Request) {
	name, ok := strings.CutSuffix(r.PathValue("file"), ".csv")
	ts, ok := h.teamForFile(w, r, ok)
	if !ok {
		return
	}
	res := ts.rep.Current
	var rows [][]string
	switch name {
	case "signals":
		rows = [][]string{{"signal", "value", "threshold", "tripped", "state"}}
		for _, sg := range res.Verdict.Signals {
			st := "ok"
			if !known(sg) {
				st = "unknown"
			} else if sg.Tripped {
				st = "tripped"
			}
			rows = append(rows, []string{sg.Name, num(sg.Value), strconv.FormatFloat(sg.Threshold, 'f', -1, 64), strconv.FormatBool(sg.Tripped), st})
		}
	case "requests":
		rows = requestRows(res.Requests)
	case "weekly":
		rows = [][]string{{"week", "start", "story_writing", "discovery", "other", "discovery_share", "after_hours_share",
			"requests", "days_with_requests", "working_days", "response_hours_p50", "response_hours_p90", "ready_backlog_sprints"}}
		for _, wk := range res.Weekly {
			rows = append(rows, []string{wk.Week, wk.Start, fnum(wk.Hours.StoryWriting), fnum(wk.Hours.Discovery), fnum(wk.Hours.Other),
				num(wk.DiscoveryShare), num(wk.AfterHoursShare), strconv.Itoa(wk.Requests), strconv.Itoa(wk.DaysWithRequests),
				strconv.Itoa(wk.WorkingDays), num(wk.ResponseHoursP50), num(wk.ResponseHoursP90), num(wk.ReadyBacklogSprints)})
		}
	case "people":
		rows = [][]string{{"id", "name", "role", "story_writing", "discovery", "other", "authoring", "refinement", "answering",
			"discovery_share", "after_hours_share", "story_writing_hours_per_week"}}
		for _, p := range res.People {
			rows = append(rows, []string{p.ID, p.Name, p.Role, fnum(p.Hours.StoryWriting), fnum(p.Hours.Discovery), fnum(p.Hours.Other),
				fnum(p.Hours.Authoring), fnum(p.Hours.Refinement), fnum(p.Hours.Answering),
				num(p.DiscoveryShare), num(p.AfterHoursShare), fnum(p.StoryWritingHoursPerWeek)})
		}
	default:
		http.NotFound(w, r)
		return
	}
	writeCSV(w, ts.team.Name+"-"+name+"-"+ts.week.String(), rows)
}

func fnum(v float64) string { return num(&v) }

func requestRows(qs []analysis.Request) [][]string {
	rows := [][]string{{"issue", "summary", "rule", "requester", "opened", "answered", "answered_by", "response_hours", "past_unanswered_after"}}
	for _, q := range qs {
		rows = append(rows, []string{q.IssueKey, reports.OneLine(q.Summary), q.Rule, q.RequesterName, q.Opened, q.Answered,
			q.AnsweredBy, num(q.ResponseHours), strconv.FormatBool(q.Unanswered)})
	}
	return rows
}

func (h *Handler) personFile(w http.ResponseWriter, r *http.Request) {
	file := r.PathValue("file")
	ts, p, ok := h.personOf(w, r)
	if !ok {
		return
	}
	base := ts.team.Name + "-" + p.Name + "-" + ts.week.String()
	if name, f, ok := splitFile(file); ok && name == "timeline" {
		b, err := ts.timeline(p, f)
		if err != nil {
			http.Error(w, "The chart could not be drawn; the server's log says why.", http.StatusInternalServerError)
			return
		}
		writeImage(w, base+"-timeline", f, b)
		return
	}
	res := ts.rep.Current
	switch file {
	case "requests.csv":
		writeCSV(w, base+"-requests", requestRows(personRequests(res, p)))
	case "days.csv":
		rows := [][]string{{"date", "working_day", "story_writing_minutes", "discovery_minutes", "other_minutes", "meeting_minutes", "after_hours_minutes", "issues"}}
		for _, d := range personDays(res, p.ID, ts.team) {
			rows = append(rows, []string{d.Date.Format("2006-01-02"), strconv.FormatBool(d.Working), strconv.Itoa(d.Minutes["story_writing"]),
				strconv.Itoa(d.Minutes["discovery"]), strconv.Itoa(d.Minutes["other"]), strconv.Itoa(d.Minutes["meeting"]),
				strconv.Itoa(d.After), strings.Join(d.Issues, " ")})
		}
		writeCSV(w, base+"-days", rows)
	case "blocks.csv":
		rows := [][]string{{"start", "end", "category", "source", "issues"}}
		for _, b := range blocksOf(res, p.ID) {
			rows = append(rows, []string{b.Start.In(ts.team.Location).Format("2006-01-02T15:04:05Z07:00"), b.End.In(ts.team.Location).Format("2006-01-02T15:04:05Z07:00"),
				b.Category, b.Source, strings.Join(b.Issues, " ")})
		}
		writeCSV(w, base+"-blocks", rows)
	default:
		http.NotFound(w, r)
	}
}
