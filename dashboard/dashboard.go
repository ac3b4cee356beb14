// Package dashboard is `roleload serve` (SPEC §7.5): a page per team with
// the verdict, the measures, every chart and the evidence table, for any
// week and window, read from the store on each request.
//
// The page is the weekly report's HTML (so it escapes Jira text the same
// way) with the charts embedded and a bar to pick the team, the week and
// the window above it.
package dashboard

import (
	"bytes"
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"html/template"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/roleload/roleload/analysis"
	"github.com/roleload/roleload/app"
	"github.com/roleload/roleload/config"
	"github.com/roleload/roleload/internal/clock"
	"github.com/roleload/roleload/reports"
	"github.com/roleload/roleload/store"
)

// Windows are the window lengths the picker offers, in weeks, and the
// only ones served.
var Windows = []int{1, 2, 4, 8, 12, 26}

// busy bounds the pages built at once: each loads a team's activity and
// draws six charts.
const busy = 2

// Handler serves the dashboard. With a password every request needs HTTP
// Basic authentication (any user name, that password).
type Handler struct {
	cfg      *config.Config
	st       *store.Store
	now      func() time.Time
	password string
	log      *slog.Logger
	mux      *http.ServeMux
	slots    chan struct{}

	mu    sync.Mutex
	pages map[pageKey][]byte // built pages, until the next collect
	built atomic.Int64       // pages built, for tests
}

// pageKey names a built page. A page is built again when a collect has
// run since (the data may have changed) or the day has changed (the
// last complete week and "unanswered" may have).
type pageKey struct {
	team, week string
	weeks      int
	run        int64  // the last sync run's id
	runState   string // and its status: a running one commits as it goes
	day        string
}

// maxPages bounds the cache: a page is about 250 KB (charts embedded).
const maxPages = 32

// New returns the dashboard's handler; now is the clock (time.Now if nil).
func New(cfg *config.Config, st *store.Store, password string, now func() time.Time, log *slog.Logger) *Handler {
	now = clock.Or(now)
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	h := &Handler{cfg: cfg, st: st, now: now, password: password, log: log, mux: http.NewServeMux(), slots: make(chan struct{}, busy),
		pages: map[pageKey][]byte{}}
	h.mux.HandleFunc("GET /{$}", h.index)
	h.mux.HandleFunc("GET /team/{name}", h.team)
	return h
}

// CheckAddr refuses to serve beyond loopback without a password.
func CheckAddr(addr, password string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("serve.addr %q: %v", addr, err)
	}
	if password != "" {
		return nil
	}
	if ip := net.ParseIP(host); host == "localhost" || ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("serve.addr %q is not loopback: set serve.password_env to protect the dashboard", addr)
}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("X-Frame-Options", "DENY")
	// The page needs its own inline styles and data: images, nothing else.
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'")
	if h.password == "" && !loopbackHost(r.Host) {
		// Without a password only loopback serves the page; a name that
		// resolves to it (DNS rebinding) does not.
		http.Error(w, "the dashboard answers to localhost only", http.StatusMisdirectedRequest)
		return
	}
	if h.password != "" {
		_, pass, ok := r.BasicAuth()
		if !ok || subtle.ConstantTimeCompare([]byte(pass), []byte(h.password)) != 1 {
			w.Header().Set("WWW-Authenticate", `Basic realm="roleload", charset="UTF-8"`)
			http.Error(w, "authentication required", http.StatusUnauthorized)
			return
		}
	}
	h.mux.ServeHTTP(w, r)
}

// loopbackHost reports whether a Host header names this machine's
// loopback: localhost or a loopback address, with or without a port.
func loopbackHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.Trim(host, "[]")
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func (h *Handler) index(w http.ResponseWriter, r *http.Request) {
	if len(h.cfg.Teams) == 0 {
		http.Error(w, "no team is configured", http.StatusNotFound)
		return
	}
	http.Redirect(w, r, "/team/"+url.PathEscape(h.cfg.Teams[0].Name), http.StatusFound)
}

func (h *Handler) team(w http.ResponseWriter, r *http.Request) {
	team, ok := h.cfg.Team(r.PathValue("name"))
	if !ok {
		http.Error(w, "no such team", http.StatusNotFound)
		return
	}
	now := h.now()
	week := app.LastCompleteWeek(now, team.Location)
	if v := r.URL.Query().Get("week"); v != "" {
		var err error
		if week, err = app.ParseWeek(v, team.Location); err != nil || week.Year < 2000 || week.Monday.After(now) {
			http.Error(w, "week: an ISO week like "+app.LastCompleteWeek(now, team.Location).String()+", not in the future", http.StatusBadRequest)
			return
		}
	}
	weeks := app.ReportWeeks
	if v := r.URL.Query().Get("weeks"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || !slices.Contains(Windows, n) {
			http.Error(w, fmt.Sprintf("weeks: one of %v", Windows), http.StatusBadRequest)
			return
		}
		weeks = n
	}
	key := pageKey{team: team.Name, week: week.String(), weeks: weeks, day: now.In(team.Location).Format("2006-01-02")}
	if runs, err := h.st.LastRuns(r.Context(), 1); err == nil && len(runs) == 1 {
		key.run, key.runState = runs[0].ID, runs[0].Status
	}
	h.mu.Lock()
	page, ok := h.pages[key]
	h.mu.Unlock()
	if ok && key.runState != store.RunRunning {
		h.write(w, page)
		return
	}
	select {
	case h.slots <- struct{}{}:
		defer func() { <-h.slots }()
	case <-r.Context().Done():
		return
	}
	page, err := h.page(r.Context(), team, week, weeks, now)
	if err != nil {
		h.log.Warn("dashboard", "team", team.Name, "week", week.String(), "err", err)
		code, msg := pageError(err)
		http.Error(w, msg, code)
		return
	}
	h.mu.Lock()
	if len(h.pages) >= maxPages {
		clear(h.pages) // simple: a new collect makes them all stale anyway
	}
	h.pages[key] = page
	h.mu.Unlock()
	h.write(w, page)
}

func (h *Handler) write(w http.ResponseWriter, page []byte) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(page)
}

func (h *Handler) page(ctx context.Context, team *config.Team, week app.Week, weeks int, now time.Time) ([]byte, error) {
	h.built.Add(1)
	act, err := app.LoadActivity(ctx, h.st, h.cfg, team)
	if err != nil {
		return nil, err
	}
	rep, err := app.BuildReportWindow(act, h.cfg, team, week, weeks, now, app.SiteURL(ctx, h.st, h.cfg))
	if err != nil {
		return nil, err
	}
	body, err := reports.RenderHTML(rep, reports.ImageData)
	if err != nil {
		return nil, err
	}
	var bar bytes.Buffer
	if err := barTemplate.Execute(&bar, h.barView(team, week, weeks, now)); err != nil {
		return nil, err
	}
	// The bar goes first in the report's body.
	i := bytes.Index(body, []byte("<body"))
	j := -1
	if i >= 0 {
		j = bytes.IndexByte(body[i:], '>')
	}
	if j < 0 {
		return nil, errors.New("report page without a body")
	}
	at := i + j + 1
	return append(append(append([]byte{}, body[:at]...), bar.Bytes()...), body[at:]...), nil
}

// pageError is what a visitor is told: what they can act on, and no more
// than "see the log" otherwise (errors may name files and SQL).
func pageError(err error) (int, string) {
	switch {
	case errors.Is(err, analysis.ErrNoData):
		return http.StatusUnprocessableEntity, "No Jira activity in this window: pick another week or a longer window."
	case errors.Is(err, app.ErrNotCollected):
		return http.StatusServiceUnavailable, "Nothing collected for this team yet: run roleload collect."
	case errors.Is(err, analysis.ErrNoPM), errors.Is(err, analysis.ErrPMNotFound), errors.Is(err, analysis.ErrPONotFound),
		errors.Is(err, analysis.ErrAmbiguousPerson):
		return http.StatusUnprocessableEntity, err.Error() // about the config's people
	}
	return http.StatusInternalServerError, "The page could not be built; the server's log says why."
}

type barView struct {
	Teams    []teamLink
	Week     string
	LastWeek string
	Weeks    int
	Windows  []int
}

type teamLink struct {
	Name    string
	URL     string
	Current bool
}

func (h *Handler) barView(team *config.Team, week app.Week, weeks int, now time.Time) barView {
	v := barView{Week: week.String(), LastWeek: app.LastCompleteWeek(now, team.Location).String(), Weeks: weeks, Windows: Windows}
	for _, t := range h.cfg.Teams {
		q := url.Values{"week": {week.String()}, "weeks": {strconv.Itoa(weeks)}}
		v.Teams = append(v.Teams, teamLink{Name: t.Name, URL: "/team/" + url.PathEscape(t.Name) + "?" + q.Encode(), Current: t.Name == team.Name})
	}
	return v
}

var barTemplate = template.Must(template.New("bar").Parse(`<div style="background:#111827;color:#f9fafb;font:14px/1.4 -apple-system,Segoe UI,Roboto,sans-serif;padding:10px 16px;">
<strong>roleload</strong> &middot; team:
{{range .Teams}}{{if .Current}}<strong>{{.Name}}</strong>{{else}}<a style="color:#93c5fd" href="{{.URL}}">{{.Name}}</a>{{end}} {{end}}
<form method="get" action="" style="display:inline;margin-left:16px;">
<label>week <input name="week" value="{{.Week}}" size="9" pattern="[0-9]{4}-W[0-9]{2}" title="ISO week, like {{.LastWeek}}"></label>
<label>window <select name="weeks">{{range .Windows}}<option value="{{.}}"{{if eq . $.Weeks}} selected{{end}}>{{.}} week{{if ne . 1}}s{{end}}</option>{{end}}</select></label>
<button type="submit">show</button>
</form>
</div>
`))
