package jira

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	gojira "github.com/andygrunwald/go-jira"
)

// Config says how to reach Jira.
type Config struct {
	URL string
	// Email set: Cloud basic auth (email + API token); empty: a Server/DC
	// personal access token sent as Bearer. Both empty: anonymous.
	Email, Token string
	HTTPClient   *http.Client // optional; its Transport is wrapped with auth
	Timeout      time.Duration
	MaxRetries   int // bound on retries of 5xx, broken bodies and network errors
	// Sleep waits between attempts (tests shorten it); nil: a timer.
	Sleep  func(ctx context.Context, d time.Duration) error
	Logger *slog.Logger
}

// Client talks to one Jira. It is safe for concurrent use.
type Client struct {
	jc       *gojira.Client
	base     string
	cfg      Config
	requests atomic.Int64
}

// Backoff bounds: exponential with full jitter from backoffBase, capped.
const (
	backoffBase = 500 * time.Millisecond
	backoffCap  = 30 * time.Second
	// Rate limits are the server asking us to slow down, not failing: they
	// get more attempts than errors do.
	rateLimitRetries = 20
)

// New returns a Client for cfg.
func New(cfg Config) (*Client, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Sleep == nil {
		cfg.Sleep = sleep
	}
	var base http.RoundTripper = http.DefaultTransport
	timeout := cfg.Timeout
	if cfg.HTTPClient != nil {
		if cfg.HTTPClient.Transport != nil {
			base = cfg.HTTPClient.Transport
		}
		if timeout == 0 {
			timeout = cfg.HTTPClient.Timeout
		}
	}
	var rt http.RoundTripper = base
	switch {
	case cfg.Email != "":
		rt = &gojira.BasicAuthTransport{Username: cfg.Email, Password: cfg.Token, Transport: base}
	case cfg.Token != "":
		rt = &gojira.BearerAuthTransport{Token: cfg.Token, Transport: base}
	}
	hc := &http.Client{Transport: rt, Timeout: timeout}
	jc, err := gojira.NewClient(hc, strings.TrimSuffix(cfg.URL, "/")+"/")
	if err != nil {
		return nil, fmt.Errorf("jira client for %s: %w", cfg.URL, err)
	}
	return &Client{jc: jc, base: strings.TrimSuffix(cfg.URL, "/"), cfg: cfg}, nil
}

// Requests is the number of HTTP requests sent so far, retries included.
func (c *Client) Requests() int { return int(c.requests.Load()) }

// BaseURL is the URL the client talks to.
func (c *Client) BaseURL() string { return c.base }

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Get fetches path?q into v, retrying what is worth retrying.
func (c *Client) Get(ctx context.Context, path string, q url.Values, v any) error {
	u := strings.TrimPrefix(path, "/")
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	errorsLeft, limitsLeft := c.cfg.MaxRetries, rateLimitRetries
	for attempt := 1; ; attempt++ {
		err := c.once(ctx, path, u, v)
		if err == nil {
			return nil
		}
		var je *Error
		if !errors.As(err, &je) {
			return err
		}
		je.Attempts = attempt
		if !je.Retryable() {
			return je
		}
		wait := je.RetryAfter
		if je.Kind == KindRateLimited || je.Kind == KindUnavailable {
			limitsLeft--
			if limitsLeft < 0 {
				return je
			}
		} else {
			errorsLeft--
			if errorsLeft < 0 {
				return je
			}
		}
		if wait <= 0 {
			wait = backoff(attempt)
		}
		c.cfg.Logger.Debug("jira request retried", "path", path, "attempt", attempt, "wait", wait, "err", err)
		if err := c.cfg.Sleep(ctx, wait); err != nil {
			return err
		}
	}
}

func backoff(attempt int) time.Duration {
	d := backoffBase << min(attempt-1, 10)
	if d > backoffCap || d <= 0 {
		d = backoffCap
	}
	return d/2 + rand.N(d/2+1)
}

// once sends one request and decodes a 2xx body into v.
func (c *Client) once(ctx context.Context, path, u string, v any) error {
	e := &Error{Method: http.MethodGet, Path: "/" + strings.TrimPrefix(path, "/")}
	req, err := c.jc.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return fmt.Errorf("jira request %s: %w", e.Path, err)
	}
	c.requests.Add(1)
	resp, err := c.jc.Do(req, nil)
	if resp == nil || resp.Response == nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		e.Kind, e.Msg, e.Err = KindNetwork, netMessage(err), err
		return e
	}
	defer resp.Body.Close()
	body, rerr := io.ReadAll(resp.Body)
	e.Status = resp.StatusCode
	if resp.StatusCode >= 200 && resp.StatusCode <= 299 {
		if rerr == nil {
			rerr = json.Unmarshal(body, v)
		}
		if rerr != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			e.Kind, e.Msg, e.Err = KindBadResponse, rerr.Error(), rerr
			return e
		}
		return nil
	}
	e.Kind = kindOf(resp.StatusCode)
	e.Msg = jiraMessage(body)
	e.RetryAfter = retryAfter(resp.Header.Get("Retry-After"))
	return e
}

func netMessage(err error) string {
	if err == nil {
		return "no response"
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err.Error()
	}
	return err.Error()
}

// jiraMessage extracts Jira's error collection, or the start of the body.
func jiraMessage(body []byte) string {
	var ec struct {
		ErrorMessages []string          `json:"errorMessages"`
		Errors        map[string]string `json:"errors"`
	}
	if json.Unmarshal(body, &ec) == nil {
		msgs := ec.ErrorMessages
		for k, v := range ec.Errors {
			msgs = append(msgs, k+": "+v)
		}
		if len(msgs) > 0 {
			return strings.Join(msgs, "; ")
		}
	}
	s := strings.Join(strings.Fields(string(body)), " ")
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}

// retryAfter reads Retry-After in seconds or as an HTTP date.
func retryAfter(h string) time.Duration {
	if h == "" {
		return 0
	}
	if n, err := strconv.Atoi(strings.TrimSpace(h)); err == nil && n >= 0 {
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(h); err == nil {
		if d := time.Until(t); d > 0 {
			return d
		}
	}
	return 0
}
