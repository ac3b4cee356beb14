package dashboard

import (
	"bytes"
	"html/template"
	"net/http"
	"net/url"
	"strconv"

	"github.com/roleload/roleload/app"
	"github.com/roleload/roleload/internal/isoweek"
	"github.com/roleload/roleload/reports"
)

type navView struct {
	Teams    []teamLink
	Team     string // "" on the front page
	Week     string
	LastWeek string
	Weeks    int
	Windows  []int
	Query    string // ?week=…&weeks=… of the page, for its links
}

type teamLink struct {
	Name    string
	URL     string
	Current bool
}

type teamView struct {
	Nav     navView
	R       any // the report's view (reports.ScreenView)
	Level   string
	Marks   []mark
	Unknown int
	Charts  []chartLink
	People  []personLink
	Base    string // the team's URL
}

type chartLink struct {
	Title, PNG, SVG string
	Src             template.URL
}

type personLink struct {
	Name, Role, URL string
}

func (h *Handler) team(w http.ResponseWriter, r *http.Request) {
	ts, ok := h.teamFor(w, r)
	if !ok {
		return
	}
	writeHTML(w, ts.page)
}

func (h *Handler) nav(ts *teamState) navView {
	q := query(ts)
	v := navView{Team: ts.team.Name, Week: ts.week.String(), LastWeek: isoweek.LastComplete(ts.now, ts.team.Location).String(),
		Weeks: ts.weeks, Windows: Windows, Query: q}
	for _, t := range h.cfg.Teams {
		v.Teams = append(v.Teams, teamLink{Name: reports.OneLine(t.Name), URL: teamURL(t.Name) + q, Current: t.Name == ts.team.Name})
	}
	return v
}

// query is the page's week and window as a query string, "" for the default.
func query(ts *teamState) string {
	if ts.weeks == app.ReportWeeks && ts.week.String() == isoweek.LastComplete(ts.now, ts.team.Location).String() {
		return ""
	}
	return "?" + url.Values{"week": {ts.week.String()}, "weeks": {strconv.Itoa(ts.weeks)}}.Encode()
}

// renderTeam lays out the team's report for a screen: the e-mail's
// figures and wording, two charts a row, downloads next to each.
func (h *Handler) renderTeam(ts *teamState) ([]byte, error) {
	rv, err := reports.ScreenView(ts.rep)
	if err != nil {
		return nil, err
	}
	res := ts.rep.Current
	base := teamURL(ts.team.Name)
	q := query(ts)
	v := teamView{Nav: h.nav(ts), R: rv, Level: res.Verdict.Level, Marks: marks(res), Unknown: unknownCount(res), Base: base}
	for _, c := range ts.rep.Charts {
		v.Charts = append(v.Charts, chartLink{Title: c.Title, Src: dataURL("image/png", c.PNG),
			PNG: base + "/chart/" + c.Name + ".png" + q, SVG: base + "/chart/" + c.Name + ".svg" + q})
	}
	for _, p := range res.People {
		v.People = append(v.People, personLink{Name: reports.OneLine(p.Name), Role: p.Role, URL: base + "/person/" + url.PathEscape(p.ID) + q})
	}
	var b bytes.Buffer
	if err := pageTemplates.ExecuteTemplate(&b, "team", v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
