package monitor

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"github.com/roleload/roleload/internal/clock"
	"log/slog"
	"math"
	"net/http"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/roleload/roleload/analysis"
	"github.com/roleload/roleload/config"
	"github.com/roleload/roleload/store"
)

// Options say what to watch.
type Options struct {
	Config *config.Config
	Store  *store.Store
	// Now is the clock: the age of the last sync and the day the
	// analysis ends (today in each team's time zone).
	Now func() time.Time
	// Analyze runs one team's analysis of the 4 weeks ending asOf; nil:
	// app.Analyze (tests and the daemon may pass their own).
	Analyze func(ctx context.Context, team *config.Team, asOf, now time.Time) (*analysis.Result, error)
	Log     *slog.Logger
	// Password, when set (serve.password_env), is asked of /metrics by
	// HTTP Basic auth, any user name, as the dashboard asks it: the
	// metrics name teams and their verdicts. /healthz stays open.
	Password string
}

// Monitor answers /healthz and /metrics.
type Monitor struct {
	opts    Options
	metrics http.Handler

	mu    sync.Mutex
	cache map[string]cached // by team: the analysis of the last sync and day
}

type cached struct {
	key string
	res *analysis.Result
	err error
}

// New returns a Monitor over opts.Store.
func New(opts Options) *Monitor {
	if opts.Now == nil {
		opts.Now = clock.Wall
	}
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	if opts.Analyze == nil {
		opts.Analyze = appAnalyze(opts.Config, opts.Store)
	}
	m := &Monitor{opts: opts, cache: map[string]cached{}}
	reg := prometheus.NewRegistry()
	reg.MustRegister(&collector{m: m})
	m.metrics = promhttp.HandlerFor(reg, promhttp.HandlerOpts{ErrorHandling: promhttp.ContinueOnError, ErrorLog: slogErrors{opts.Log}})
	return m
}

// Wrap routes /healthz and /metrics to the monitor and everything else
// to next (the dashboard).
func Wrap(next http.Handler, m *Monitor) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/healthz", m)
	mux.Handle("/metrics", m)
	mux.Handle("/", next)
	return mux
}

// ServeHTTP answers /healthz and /metrics; anything else is 404.
func (m *Monitor) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/healthz":
		m.healthz(w, r)
	case "/metrics":
		if m.opts.Password != "" {
			_, pass, ok := r.BasicAuth()
			if !ok || subtle.ConstantTimeCompare([]byte(pass), []byte(m.opts.Password)) != 1 {
				w.Header().Set("WWW-Authenticate", `Basic realm="roleload"`)
				http.Error(w, "password required", http.StatusUnauthorized)
				return
			}
		}
		m.metrics.ServeHTTP(w, r)
	default:
		http.NotFound(w, r)
	}
}

// Health is the /healthz body.
type Health struct {
	Store      string     `json:"store"` // "ok", or why it cannot be read
	LastSync   *time.Time `json:"last_sync"`
	AgeSeconds *float64   `json:"age_seconds"`
	// Stale says the last good sync is older than alerts.stale_after (or
	// there is none): then the answer is 503.
	Stale bool `json:"stale"`
}

// Health reads the store: 503 when it cannot be read, has never synced,
// or last synced longer ago than alerts.stale_after.
func (m *Monitor) Health(ctx context.Context) (Health, int) {
	s, err := m.opts.Store.Status(ctx)
	if err != nil {
		return Health{Store: "unreadable: " + err.Error(), Stale: true}, http.StatusServiceUnavailable
	}
	h := Health{Store: "ok", LastSync: s.LastSync, Stale: true}
	if s.LastSync != nil {
		t := s.LastSync.UTC()
		h.LastSync = &t
		// A sync dated after now (a fixed clock, or clocks that disagree) is fresh, not negative.
		age := math.Max(0, math.Round(m.opts.Now().Sub(t).Seconds()))
		h.AgeSeconds = &age
		stale := m.opts.Config.Alerts.StaleAfter.D()
		h.Stale = stale > 0 && m.opts.Now().Sub(t) > stale
	}
	if h.Stale {
		return h, http.StatusServiceUnavailable
	}
	return h, http.StatusOK
}

func (m *Monitor) healthz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 10*time.Second)
	defer cancel()
	h, code := m.Health(ctx)
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(h)
}

type slogErrors struct{ log *slog.Logger }

func (l slogErrors) Println(v ...any) { l.log.Warn("metrics", "err", v) }
