package jira

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// flaky answers with the given statuses in turn, then 200 {"ok":true}.
func flaky(t *testing.T, statuses ...int) (*httptest.Server, *atomic.Int32) {
	var n atomic.Int32
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		i := int(n.Add(1)) - 1
		if i < len(statuses) {
			switch statuses[i] {
			case 0: // truncated body
				w.Header().Set("Content-Length", "40")
				w.Write([]byte(`{"ok":tr`))
				return
			case http.StatusTooManyRequests:
				w.Header().Set("Retry-After", "7")
			}
			w.WriteHeader(statuses[i])
			w.Write([]byte(`{"errorMessages":["nope"],"errors":{}}`))
			return
		}
		w.Write([]byte(`{"ok":true}`))
	}))
	t.Cleanup(s.Close)
	return s, &n
}

func TestRetries(t *testing.T) {
	cases := []struct {
		name     string
		statuses []int
		want     error
		requests int32
		waits    []time.Duration // exact waits; nil: any
	}{
		{"429 waits Retry-After", []int{429, 429}, nil, 3, []time.Duration{7 * time.Second, 7 * time.Second}},
		{"5xx and truncated bodies are retried", []int{502, 0}, nil, 3, nil},
		{"401 is final", []int{401}, ErrAuth, 1, nil},
		{"403 is final", []int{403}, ErrPermission, 1, nil},
		{"404 is final", []int{404}, ErrNotFound, 1, nil},
		{"400 is final", []int{400}, ErrBadRequest, 1, nil},
		{"500 bounded", []int{500, 500, 500, 500}, ErrServer, 3, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, n := flaky(t, c.statuses...)
			var waits []time.Duration
			cl, err := New(Config{URL: s.URL, Email: "a@b.c", Token: "t", MaxRetries: 2,
				Sleep: func(ctx context.Context, d time.Duration) error { waits = append(waits, d); return nil }})
			if err != nil {
				t.Fatal(err)
			}
			var v struct{ OK bool }
			err = cl.Get(context.Background(), "rest/api/2/x", nil, &v)
			if c.want == nil && (err != nil || !v.OK) || c.want != nil && !errors.Is(err, c.want) {
				t.Fatalf("err %v, want %v", err, c.want)
			}
			if n.Load() != c.requests || cl.Requests() != int(c.requests) {
				t.Errorf("%d requests (client counted %d), want %d", n.Load(), cl.Requests(), c.requests)
			}
			if c.waits != nil && !equalDurations(waits, c.waits) {
				t.Errorf("waits %v, want %v", waits, c.waits)
			}
			for _, w := range waits {
				if w <= 0 || w > backoffCap {
					t.Errorf("wait %v out of (0, %v]", w, backoffCap)
				}
			}
			if err != nil && strings.Contains(err.Error(), "\n") {
				t.Errorf("multi-line message %q", err)
			}
		})
	}
}

func equalDurations(a, b []time.Duration) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestRetryAfter(t *testing.T) {
	if d := retryAfter("3"); d != 3*time.Second {
		t.Errorf("seconds: %v", d)
	}
	if d := retryAfter(time.Now().Add(time.Minute).UTC().Format(http.TimeFormat)); d <= 0 || d > time.Minute {
		t.Errorf("date: %v", d)
	}
	if d := retryAfter("soon"); d != 0 {
		t.Errorf("junk: %v", d)
	}
	for i := 1; i < 40; i++ {
		if d := backoff(i); d <= 0 || d > backoffCap {
			t.Errorf("backoff(%d) = %v", i, d)
		}
	}
}
