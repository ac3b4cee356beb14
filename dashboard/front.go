package dashboard

import (
	"cmp"
	"encoding/base64"
	"fmt"
	"github.com/roleload/roleload/analysis/signal"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/roleload/roleload/analysis"
	"github.com/roleload/roleload/config"
	"github.com/roleload/roleload/reports"
	"github.com/roleload/roleload/reports/charts"
)

type frontView struct {
	Nav                  navView
	Rows                 []frontRow
	Cols                 []sortCol
	TeamCol, VerdictCol  sortCol
	Hire, Watch, OK, Bad int
	Week                 string
	Sync, Age            string
	Stale                bool
	Compare              template.URL
	Generated            string
}

type frontRow struct {
	Team, URL             string
	Level, LevelText      string
	Reasons               string
	Unknown               int
	Marks                 []mark
	SparkDaily, SparkDisc template.URL
	DailyNow, DiscNow     string
	DailyURL, DiscURL     string
	Warnings              []string
	Err                   string
	ts                    *teamState
}

type sortCol struct {
	Key, Label, Title, URL, Arrow string
}

// sortKeys are what the table sorts by; a leading "-" reverses.
var sortKeys = append([]string{"verdict", "team"}, signalNames...)

// lowIsBad are the measures whose worst value is the lowest.
var lowIsBad = map[string]bool{string(signal.DiscoverySqueezed): true, string(signal.ThinBacklog): true}

func (h *Handler) front(w http.ResponseWriter, r *http.Request) {
	sortBy := r.URL.Query().Get("sort")
	if sortBy == "" {
		sortBy = "verdict"
	}
	if !slices.Contains(sortKeys, strings.TrimPrefix(sortBy, "-")) {
		http.Error(w, fmt.Sprintf("sort: one of %v, - first to reverse", sortKeys), http.StatusBadRequest)
		return
	}
	if len(h.cfg.Teams) == 0 {
		http.Error(w, "no team is configured", http.StatusNotFound)
		return
	}
	s, err := h.current(r.Context())
	if err != nil {
		h.log.Warn("dashboard", "err", err)
		code, msg := pageError(err)
		http.Error(w, msg, code)
		return
	}
	v := h.frontView(s, sortBy)
	var b strings.Builder
	if err := pageTemplates.ExecuteTemplate(&b, "front", v); err != nil {
		h.log.Warn("dashboard: front page", "err", err)
		http.Error(w, "The page could not be built; the server's log says why.", http.StatusInternalServerError)
		return
	}
	writeHTML(w, []byte(b.String()))
}

func (h *Handler) frontView(s *snapshot, sortBy string) frontView {
	now := h.now()
	v := frontView{Compare: dataURL("image/png", s.compare), Generated: s.now.UTC().Format("2006-01-02 15:04 UTC")}
	if len(s.teams) > 0 {
		v.Week = s.teams[0].week.String()
	}
	for _, t := range h.cfg.Teams {
		v.Nav.Teams = append(v.Nav.Teams, teamLink{Name: reports.OneLine(t.Name), URL: teamURL(t.Name)})
	}
	if s.lastSync.IsZero() {
		v.Sync, v.Age, v.Stale = "never", "no successful collect yet", true
	} else {
		v.Sync = s.lastSync.UTC().Format("2006-01-02 15:04 UTC")
		v.Age = age(now.Sub(s.lastSync))
		v.Stale = now.Sub(s.lastSync) > 48*time.Hour
	}
	for _, ts := range s.teams {
		row := frontRow{Team: reports.OneLine(ts.team.Name), URL: teamURL(ts.team.Name), ts: ts,
			DailyURL: teamURL(ts.team.Name) + "/spark/daily-inputs.svg", DiscURL: teamURL(ts.team.Name) + "/spark/discovery.svg"}
		if ts.err != nil {
			_, row.Err = pageError(ts.err)
			row.LevelText = levelText("")
			v.Bad++
		} else {
			res := ts.rep.Current
			row.Level, row.LevelText = res.Verdict.Level, levelText(res.Verdict.Level)
			row.Reasons = reports.Headline(res)
			row.Marks = marks(res)
			row.Unknown = unknownCount(res)
			row.SparkDaily, row.SparkDisc = dataURL("image/png", ts.sparks["daily-inputs"]), dataURL("image/png", ts.sparks["discovery"])
			row.DailyNow = share(&res.InputRequests.DailyShare)
			row.DiscNow = share(signalValue(res, string(signal.DiscoverySqueezed)))
			if u := reports.Unreliable(res); u != "" {
				row.Warnings = append(row.Warnings, u)
			}
			if row.Unknown > 0 {
				row.Warnings = append(row.Warnings, fmt.Sprintf("%d of 7 signals could not be judged", row.Unknown))
			}
			switch res.Verdict.Level {
			case "hire_po":
				v.Hire++
			case "watch":
				v.Watch++
			case "ok":
				v.OK++
			}
		}
		v.Rows = append(v.Rows, row)
	}
	sortRows(v.Rows, sortBy)
	col := func(key, label, title string) sortCol {
		c := sortCol{Key: key, Label: label, Title: title, URL: "/?sort=" + key}
		switch sortBy {
		case key:
			c.URL, c.Arrow = "/?sort=-"+key, "▼"
		case "-" + key:
			c.Arrow = "▲"
		}
		return c
	}
	v.TeamCol = col("team", "Team", "sort by name")
	v.VerdictCol = col("verdict", "Verdict", "sort worst first")
	for _, n := range signalNames {
		v.Cols = append(v.Cols, col(n, signalShort(n), reports.SignalLabel(n)+": sort worst first"))
	}
	return v
}

// sortRows orders the rows by key, worst first ("-key": best first);
// teams without the figure come last either way.
func sortRows(rows []frontRow, key string) {
	desc := strings.HasPrefix(key, "-")
	key = strings.TrimPrefix(key, "-")
	slices.SortStableFunc(rows, func(a, b frontRow) int {
		var c int
		switch key {
		case "team":
			c = cmp.Compare(a.Team, b.Team)
		case "verdict":
			c = cmp.Compare(levelRank(a.Level), levelRank(b.Level))
			if c == 0 {
				c = -cmpNil(rowValue(a, string(signal.DailyInputs)), rowValue(b, string(signal.DailyInputs)))
			}
		default:
			va, vb := rowValue(a, key), rowValue(b, key)
			if (va == nil) != (vb == nil) {
				if va == nil {
					return 1
				}
				return -1
			}
			c = cmpNil(va, vb)
			if !lowIsBad[key] {
				c = -c
			}
		}
		if desc {
			c = -c
		}
		return cmp.Or(c, cmp.Compare(a.Team, b.Team))
	})
}

func rowValue(r frontRow, signal string) *float64 {
	if r.ts == nil || r.ts.rep == nil {
		return nil
	}
	return signalValue(r.ts.rep.Current, signal)
}

func cmpNil(a, b *float64) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return 1
	case b == nil:
		return -1
	}
	return cmp.Compare(*a, *b)
}

func age(d time.Duration) string {
	switch {
	case d < time.Hour:
		return fmt.Sprintf("%d min ago", int(d.Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("%d h ago", int(d.Hours()))
	}
	return fmt.Sprintf("%d days ago", int(d.Hours()/24))
}

func share(v *float64) string {
	if v == nil {
		return "n/a"
	}
	return fmt.Sprintf("%.0f%%", *v*100)
}

func teamURL(name string) string { return "/team/" + url.PathEscape(name) }

// dataURL embeds an image the handler drew (never Jira text).
func dataURL(mime string, b []byte) template.URL {
	if len(b) == 0 {
		return ""
	}
	return template.URL("data:" + mime + ";base64," + base64.StdEncoding.EncodeToString(b))
}

// sparks draws a team's two trends: the share of working days with a
// request and the PM's discovery share, week by week, each with the
// threshold the verdict was judged by.
func sparks(rep *reports.Report) (map[string][]byte, error) {
	out := map[string][]byte{}
	for _, name := range []string{"daily-inputs", "discovery"} {
		b, err := spark(rep.Current, name, charts.PNG)
		if err != nil {
			return nil, err
		}
		out[name] = b
	}
	return out, nil
}

func spark(res *analysis.Result, name string, format charts.Format) ([]byte, error) {
	vals, limit := trend(res, name)
	return charts.Sparkline(vals, limit, format)
}

// trend is a sparkline's figures, oldest week first, and its threshold.
func trend(res *analysis.Result, name string) ([]*float64, float64) {
	th := res.Thresholds
	var vals []*float64
	for _, wk := range res.Weekly {
		switch name {
		case "daily-inputs":
			if wk.WorkingDays > 0 {
				v := float64(wk.DaysWithRequests) / float64(wk.WorkingDays)
				vals = append(vals, &v)
			} else {
				vals = append(vals, nil)
			}
		default:
			vals = append(vals, wk.DiscoveryShare)
		}
	}
	if name == "daily-inputs" {
		return vals, th.DailyInputs
	}
	return vals, th.DiscoverySqueezed
}

// comparison draws every team's daily-input share against its PM's
// discovery share, the figures of their signals.
func comparison(cfg *config.Config, teams []*teamState, format charts.Format) ([]byte, error) {
	var pts []charts.Point
	for _, ts := range teams {
		p := charts.Point{Label: reports.OneLine(ts.team.Name)}
		if ts.rep != nil {
			res := ts.rep.Current
			p.X, p.Y, p.Level = signalValue(res, string(signal.DailyInputs)), signalValue(res, string(signal.DiscoverySqueezed)), res.Verdict.Level
		}
		pts = append(pts, p)
	}
	return charts.Comparison(pts, cfg.Thresholds.DailyInputs, cfg.Thresholds.DiscoverySqueezed, format)
}

func writeHTML(w http.ResponseWriter, page []byte) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(page)
}
