// Package dashboard is `roleload serve` (SPEC §7.5): the organisation at
// a glance (one row per team), a page per team for any week and window,
// and a page per PM/PO with their time day by day. Every chart can be
// downloaded as PNG and SVG, every table as CSV.
//
// The pages of the last complete week are computed once after each
// collect (Precompute) and served from memory; other weeks and windows
// are computed on request and cached until the next collect. Serving
// never waits for a collect: until one has finished, the pages computed
// before it are served.
//
// Jira text reaches the pages through html/template only, and the
// charts' text through the SVG writer's escaping.
//
// A team page is the weekly report of app.BuildReport (the one entry
// point), rendered by reports; weeks are internal/isoweek's. Only
// cmd/roleload imports it.
package dashboard

import (
	"crypto/subtle"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/roleload/roleload/analysis"
	"github.com/roleload/roleload/app"
	"github.com/roleload/roleload/config"
	"github.com/roleload/roleload/internal/clock"
	"github.com/roleload/roleload/store"
)

// Windows are the window lengths the picker offers, in weeks, and the
// only ones served.
var Windows = []int{1, 2, 4, 8, 12, 26}

// busy bounds the pages built at once: each loads a team's activity and
// draws six charts.
const busy = 2

// checkEvery is how often a request may look (in the background) whether
// a collect has finished since the pages were computed.
const checkEvery = 15 * time.Second

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

	snap       atomic.Pointer[snapshot] // the last complete week's pages
	precompute sync.Mutex               // one Precompute at a time
	checking   atomic.Bool              // a background check for a new collect is running
	checked    atomic.Int64             // when it last ran (unix nanoseconds, monotonic enough)

	mu    sync.Mutex
	pages map[pageKey]*teamState // other weeks and windows, until the next collect
	built atomic.Int64           // team analyses built from the store, for tests
}

// pageKey names the figures of another week or window. They are built
// again when a collect has run since (the data may have changed) or the
// day has changed (the last complete week and "unanswered" may have).
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
// It computes nothing yet: call Precompute at start and after each
// collect, or the first visit of the front page does.
func New(cfg *config.Config, st *store.Store, password string, now func() time.Time, log *slog.Logger) *Handler {
	now = clock.Or(now)
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	h := &Handler{cfg: cfg, st: st, now: now, password: password, log: log, mux: http.NewServeMux(), slots: make(chan struct{}, busy),
		pages: map[pageKey]*teamState{}}
	h.mux.HandleFunc("GET /{$}", h.front)
	h.mux.HandleFunc("GET /overview.csv", h.frontCSV)
	h.mux.HandleFunc("GET /compare/{file}", h.compareChart)
	h.mux.HandleFunc("GET /team/{name}", h.team)
	h.mux.HandleFunc("GET /team/{name}/chart/{file}", h.teamChart)
	h.mux.HandleFunc("GET /team/{name}/spark/{file}", h.sparkChart)
	h.mux.HandleFunc("GET /team/{name}/csv/{file}", h.teamCSV)
	h.mux.HandleFunc("GET /team/{name}/person/{id}", h.person)
	h.mux.HandleFunc("GET /team/{name}/person/{id}/{file}", h.personFile)
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
