package jira

import (
	"errors"
	"fmt"
	"net/http"
	"time"
)

// Kind classifies a failed request.
type Kind int

const (
	KindNetwork     Kind = iota + 1 // no answer: refused, reset, DNS, timeout
	KindRateLimited                 // 429
	KindUnavailable                 // 503
	KindServer                      // other 5xx
	KindBadResponse                 // 2xx with a truncated or invalid JSON body
	KindAuth                        // 401
	KindPermission                  // 403
	KindNotFound                    // 404
	KindBadRequest                  // other 4xx, e.g. a JQL Jira refuses
)

// Sentinels for errors.Is; every *Error matches the one of its kind.
var (
	ErrUnreachable = errors.New("jira unreachable")
	ErrAuth        = errors.New("jira authentication failed")
	ErrPermission  = errors.New("jira permission denied")
	ErrNotFound    = errors.New("jira resource not found")
	ErrBadRequest  = errors.New("jira refused the request")
	ErrServer      = errors.New("jira server error")
)

// Error is a failed Jira request. Retryability is part of the value: the
// retry loop and the caller both ask Retryable.
type Error struct {
	Kind       Kind
	Method     string
	Path       string // without the query (it may be long)
	Status     int    // 0 when there was no answer
	Msg        string // Jira's errorMessages, or the network error
	RetryAfter time.Duration
	Attempts   int
	Err        error
}

// Retryable says whether trying again later may succeed.
func (e *Error) Retryable() bool {
	switch e.Kind {
	case KindNetwork, KindRateLimited, KindUnavailable, KindServer, KindBadResponse:
		return true
	}
	return false
}

func (e *Error) Error() string {
	req := e.Method + " " + e.Path
	var s string
	switch e.Kind {
	case KindAuth:
		s = fmt.Sprintf("jira rejected the credentials (401) on %s: bad or expired API token, or wrong jira.email", req)
	case KindPermission:
		s = fmt.Sprintf("jira denied access (403) on %s: the token's user lacks permission", req)
	case KindNotFound:
		s = fmt.Sprintf("jira answered 404 on %s: bad jira.url or project", req)
	case KindBadRequest:
		s = fmt.Sprintf("jira refused %s (%d)", req, e.Status)
	case KindNetwork:
		s = fmt.Sprintf("cannot reach jira (%s)", req)
	case KindBadResponse:
		s = fmt.Sprintf("jira sent a broken response to %s", req)
	default:
		s = fmt.Sprintf("jira failed on %s (%d %s)", req, e.Status, http.StatusText(e.Status))
	}
	if e.Msg != "" {
		s += ": " + e.Msg
	}
	if e.Attempts > 1 {
		s += fmt.Sprintf(" (after %d attempts)", e.Attempts)
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// Is matches the sentinel of e's kind.
func (e *Error) Is(target error) bool {
	switch target {
	case ErrUnreachable:
		return e.Kind == KindNetwork
	case ErrAuth:
		return e.Kind == KindAuth
	case ErrPermission:
		return e.Kind == KindPermission
	case ErrNotFound:
		return e.Kind == KindNotFound
	case ErrBadRequest:
		return e.Kind == KindBadRequest
	case ErrServer:
		return e.Kind == KindServer || e.Kind == KindUnavailable || e.Kind == KindRateLimited || e.Kind == KindBadResponse
	}
	return false
}

func kindOf(status int) Kind {
	switch {
	case status == http.StatusUnauthorized:
		return KindAuth
	case status == http.StatusForbidden:
		return KindPermission
	case status == http.StatusNotFound:
		return KindNotFound
	case status == http.StatusTooManyRequests:
		return KindRateLimited
	case status == http.StatusServiceUnavailable:
		return KindUnavailable
	case status >= 500:
		return KindServer
	}
	return KindBadRequest
}
