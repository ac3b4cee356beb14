package jirasim

import (
	"encoding/json"
	"math/rand/v2"
	"net/http"
	"strconv"
	"time"
)

// FaultKind is a way a request can fail.
type FaultKind string

const (
	FaultRateLimit   FaultKind = "429"       // 429 with Retry-After
	FaultUnavailable FaultKind = "503"       // 503 with Retry-After
	FaultInternal    FaultKind = "500"       // 500, no hint
	FaultTruncated   FaultKind = "truncated" // 200, half the JSON, then the connection closes
	FaultSlow        FaultKind = "slow"      // sleeps SlowDelay, then answers normally
)

// AllFaultKinds returns every kind, the default when Faults.Kinds is empty.
func AllFaultKinds() []FaultKind {
	return []FaultKind{FaultRateLimit, FaultUnavailable, FaultInternal, FaultTruncated, FaultSlow}
}

// Faults makes a share of requests fail, deterministically from Seed: the
// n-th request served gets the same fault in every run with that Seed.
type Faults struct {
	Rate       float64 // 0..1, share of requests that get a fault
	Seed       int64
	Kinds      []FaultKind // empty: all kinds
	RetryAfter time.Duration
	SlowDelay  time.Duration // default 200ms
}

// SetFaults replaces the fault settings and restarts their random sequence.
func (s *Server) SetFaults(f Faults) {
	s.faultMu.Lock()
	defer s.faultMu.Unlock()
	if len(f.Kinds) == 0 {
		f.Kinds = AllFaultKinds()
	}
	if f.SlowDelay <= 0 {
		f.SlowDelay = 200 * time.Millisecond
	}
	s.faults = f
	s.rng = rand.New(rand.NewPCG(uint64(f.Seed), 0x6a697261))
}

func (s *Server) drawFault() FaultKind {
	s.faultMu.Lock()
	defer s.faultMu.Unlock()
	if s.faults.Rate <= 0 {
		return ""
	}
	// Two draws per request whatever the outcome, so the sequence depends
	// only on the request count.
	hit, pick := s.rng.Float64(), s.rng.IntN(len(s.faults.Kinds))
	if hit >= s.faults.Rate {
		return ""
	}
	return s.faults.Kinds[pick]
}

// injectFault returns the fault's answer (its headers set on w), or status
// 0 when the request should go on (none, slow, truncated).
func (s *Server) injectFault(w http.ResponseWriter, r *http.Request, k FaultKind) (int, any) {
	if k == "" || k == FaultTruncated {
		return 0, nil
	}
	s.faultMu.Lock()
	f := s.faults
	s.faultMu.Unlock()
	retryAfter := strconv.Itoa(int(f.RetryAfter.Round(time.Second) / time.Second))
	switch k {
	case FaultRateLimit:
		// Jira Cloud's rate limiter answers 429 with Retry-After in seconds.
		w.Header().Set("Retry-After", retryAfter)
		w.Header().Set("X-RateLimit-Reason", "jira-quota-tenant-based")
		return http.StatusTooManyRequests, errorBody("Rate limit exceeded.")
	case FaultUnavailable:
		w.Header().Set("Retry-After", retryAfter)
		return http.StatusServiceUnavailable, errorBody("Service Unavailable")
	case FaultInternal:
		return http.StatusInternalServerError, errorBody("Internal server error")
	case FaultSlow:
		t := time.NewTimer(f.SlowDelay)
		defer t.Stop()
		select {
		case <-t.C:
		case <-r.Context().Done():
		}
	}
	return 0, nil
}

// truncateBody announces the full length, sends half of it and aborts the
// connection: the client sees an unexpected EOF mid-JSON.
func truncateBody(w http.ResponseWriter, body any) {
	data, err := json.Marshal(body)
	if err != nil {
		data = []byte(`{}`)
	}
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(data[:len(data)/2])
	if fl, ok := w.(http.Flusher); ok {
		fl.Flush()
	}
	panic(http.ErrAbortHandler)
}
