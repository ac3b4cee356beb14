package jirasim

import (
	"encoding/base64"
	"encoding/json"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/roleload/roleload/jirasim/scenario"
	"github.com/roleload/roleload/model"
)

// Options configure a simulated Jira.
type Options struct {
	Flavor model.Flavor // model.Cloud or model.Server
	Now    time.Time    // sim clock start; zero: ds.End
	// Email and Token are the credentials the server accepts: Cloud wants
	// Basic email:token, Server/DC a Bearer personal access token. Both
	// empty: no auth check.
	Email, Token string
	// Server-side caps on maxResults. Defaults 100, 100, 50, 20: small so
	// that clients must page.
	SearchPageMax, ChangelogPageMax, CommentPageMax, WorklogPageMax int
	// KeysPageMax caps maxResults of a search that asks only for id, key
	// and updated, without expand: Jira pages those far larger. Default
	// 5000 on Cloud (/search/jql's maximum), 1000 on Server/DC (its
	// jira.search.views.default.max).
	KeysPageMax int
	// EmbedChangelogMax caps the changelog embedded in search results
	// (default 100; the true total is always reported).
	EmbedChangelogMax int
	Faults            Faults
	BaseURL           string // what serverInfo and self links report; default from the request Host
}

// LoggedRequest is one request the server answered. At is the sim clock.
type LoggedRequest struct {
	Method, Path, Query string
	Status              int
	Fault               string // empty, or the FaultKind injected
	At                  time.Time
}

// Server is a simulated Jira. It implements http.Handler and is safe for
// concurrent use.
type Server struct {
	flavor model.Flavor
	opts   Options

	mu        sync.RWMutex // guards everything below, and the data
	ds        *scenario.Dataset
	now       time.Time
	loc       *time.Location    // API user's zone: JQL dates and rendered times
	idx       map[string]int    // issue ID -> index in ds.Issues
	keys      map[string]string // every key an issue ever had -> issue ID
	people    map[string]*model.Person
	byName    map[string]string // Server username -> person ID
	sprints   map[int64]model.Sprint
	statusCat map[string]string // status name -> category, from issues now in it
	nextID    int64             // for comments, histories and worklogs added by mutators

	cacheMu sync.Mutex // guards view; taken with mu held (read or write)
	view    *view

	userMu sync.Mutex
	users  map[string]*userJSON // base + id -> rendered user, read-only once made

	faultMu sync.Mutex
	faults  Faults
	rng     *rand.Rand

	logMu sync.Mutex
	log   []LoggedRequest
}

// New serves ds. The Server keeps its own copy of the dataset's slices and
// maps, so mutators never change the caller's Dataset.
func New(ds *scenario.Dataset, opts Options) *Server {
	if opts.Flavor == "" {
		opts.Flavor = model.Cloud
	}
	opts.SearchPageMax = orDefault(opts.SearchPageMax, 100)
	opts.ChangelogPageMax = orDefault(opts.ChangelogPageMax, 100)
	opts.CommentPageMax = orDefault(opts.CommentPageMax, 50)
	opts.WorklogPageMax = orDefault(opts.WorklogPageMax, 20)
	opts.EmbedChangelogMax = orDefault(opts.EmbedChangelogMax, 100)
	if opts.Flavor == model.Cloud {
		opts.KeysPageMax = orDefault(opts.KeysPageMax, 5000)
	} else {
		opts.KeysPageMax = orDefault(opts.KeysPageMax, 1000)
	}
	s := &Server{flavor: opts.Flavor, opts: opts, ds: copyDataset(ds), now: opts.Now, users: map[string]*userJSON{}}
	if s.now.IsZero() {
		s.now = ds.End
	}
	if s.now.IsZero() { // a hand-built dataset without a timeline: show it all
		for _, is := range ds.Issues {
			s.now = later(s.now, later(is.Created, is.Updated))
		}
	}
	s.reindex()
	s.loc = time.UTC
	if p := s.people[ds.APIUser]; p != nil && p.TimeZone != "" {
		if loc, err := time.LoadLocation(p.TimeZone); err == nil {
			s.loc = loc
		}
	}
	s.SetFaults(opts.Faults)
	return s
}

func orDefault(v, d int) int {
	if v <= 0 {
		return d
	}
	return v
}

// reindex rebuilds the lookup maps after the issue list changed; mutators
// are rare, so O(n) here keeps requests O(page).
func (s *Server) reindex() {
	s.idx = make(map[string]int, len(s.ds.Issues))
	s.statusCat = make(map[string]string)
	if s.keys == nil {
		s.keys = make(map[string]string, len(s.ds.Issues))
	}
	for i, is := range s.ds.Issues {
		s.idx[is.ID] = i
		s.keys[is.Key] = is.ID
		if is.StatusCategory != "" {
			s.statusCat[is.Status] = is.StatusCategory
		}
		for _, h := range s.ds.Histories[is.ID] {
			for _, it := range h.Items {
				// A moved issue's changelog holds its old keys: Jira still
				// resolves them.
				if strings.EqualFold(it.Field, "Key") && it.FromString != "" {
					s.keys[it.FromString] = is.ID
				}
			}
		}
	}
	s.people = make(map[string]*model.Person, len(s.ds.People))
	s.byName = make(map[string]string, len(s.ds.People))
	for i := range s.ds.People {
		p := &s.ds.People[i]
		s.people[p.ID] = p
		if p.Name != "" {
			s.byName[p.Name] = p.ID
		}
	}
	s.sprints = make(map[int64]model.Sprint, len(s.ds.Sprints))
	for _, sp := range s.ds.Sprints {
		s.sprints[sp.ID] = sp
	}
	s.nextID = max(s.nextID, maxNumericID(s.ds)+1)
	s.invalidate()
}

// Now is the sim clock.
func (s *Server) Now() time.Time {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.now
}

// SetNow moves the sim clock, forward or back.
func (s *Server) SetNow(t time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.now = t
	s.invalidate()
}

// Advance moves the sim clock forward by d.
func (s *Server) Advance(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.now = s.now.Add(d)
	s.invalidate()
}

// Requests returns every request answered since the last ResetRequests.
func (s *Server) Requests() []LoggedRequest {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	return append([]LoggedRequest(nil), s.log...)
}

// ResetRequests forgets the request log.
func (s *Server) ResetRequests() {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	s.log = nil
}

func (s *Server) record(lr LoggedRequest) {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	s.log = append(s.log, lr)
}

// ServeHTTP answers one REST request, possibly with an injected fault.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.serveCalendar(w, r) { // calendar.go: /calendars/{user}.ics
		return
	}
	lr := LoggedRequest{Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery, At: s.Now()}
	fault := s.drawFault()
	lr.Fault = string(fault)
	status, body := s.answer(w, r, fault)
	lr.Status = status
	// Logged before the body goes out: a client holding its answer must
	// find the request in Requests().
	s.record(lr)
	if fault == FaultTruncated && status == http.StatusOK {
		truncateBody(w, body)
		return
	}
	writeJSON(w, status, body)
}

func (s *Server) answer(w http.ResponseWriter, r *http.Request, fault FaultKind) (int, any) {
	if status, body := s.injectFault(w, r, fault); status != 0 {
		return status, body
	}
	// serverInfo answers anonymous callers, as Jira does: clients detect
	// the flavor before they know which auth to use.
	if !s.authorized(r) && strings.TrimSuffix(r.URL.Path, "/") != "/rest/api/2/serverInfo" {
		w.Header().Set("WWW-Authenticate", `Basic realm="protected-area"`)
		return http.StatusUnauthorized, errorBody("You are not authenticated. Authentication required to perform this operation.")
	}
	return s.route(r)
}

// authorized checks Cloud's Basic email:token or Server/DC's Bearer PAT.
func (s *Server) authorized(r *http.Request) bool {
	if s.opts.Email == "" && s.opts.Token == "" {
		return true
	}
	h := r.Header.Get("Authorization")
	if s.flavor == model.Server {
		return h == "Bearer "+s.opts.Token
	}
	raw, ok := strings.CutPrefix(h, "Basic ")
	if !ok {
		return false
	}
	dec, err := base64.StdEncoding.DecodeString(raw)
	return err == nil && string(dec) == s.opts.Email+":"+s.opts.Token
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	data, err := json.Marshal(body)
	if err != nil {
		status, data = http.StatusInternalServerError, []byte(`{"errorMessages":["internal error"]}`)
	}
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(status)
	_, _ = w.Write(data)
}

// errorBody is Jira's error collection shape.
func errorBody(msgs ...string) map[string]any {
	return map[string]any{"errorMessages": msgs, "errors": map[string]string{}}
}
