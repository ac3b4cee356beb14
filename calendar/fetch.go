package calendar

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"
)

// DefaultMaxBytes bounds a feed's body: a busy year is a few MB.
const DefaultMaxBytes = 20 << 20

// ErrTooLarge is a feed larger than the fetcher's limit.
var ErrTooLarge = errors.New("feed larger than the limit")

// Source is where a feed comes from. URL may be a secret: it never appears
// in an error, a log line or the store; Label names the feed instead.
type Source struct {
	Person string
	Label  string // a file path, a public URL, or "$ENV_VAR"
	File   string
	URL    string
}

// Fetched is a feed's body, or NotModified for a 304.
type Fetched struct {
	Body         []byte
	NotModified  bool
	ETag         string
	LastModified string
}

// Fetcher loads feeds, with the same retry rules as the Jira client:
// 429/503 after Retry-After (else exponential backoff with jitter),
// other 5xx and network errors a bounded number of times.
type Fetcher struct {
	Client     *http.Client
	MaxBytes   int64
	MaxRetries int
	// Sleep waits between retries (tests pass a fast one).
	Sleep func(ctx context.Context, d time.Duration) error
}

func (f *Fetcher) maxBytes() int64 {
	if f.MaxBytes > 0 {
		return f.MaxBytes
	}
	return DefaultMaxBytes
}

// Fetch reads the feed; etag and lastModified are the validators of the
// last good copy (a conditional GET).
func (f *Fetcher) Fetch(ctx context.Context, src Source, etag, lastModified string) (Fetched, error) {
	if src.File != "" {
		return f.readFile(src)
	}
	u, err := url.Parse(src.URL)
	if err != nil || u.Host == "" {
		return Fetched{}, fmt.Errorf("calendar of %s (%s): not a URL", src.Person, src.Label)
	}
	if u.Scheme != "https" && !(u.Scheme == "http" && isLoopback(u.Hostname())) {
		return Fetched{}, fmt.Errorf("calendar of %s (%s): only https URLs are fetched (http only on loopback)", src.Person, src.Label)
	}
	var last error
	for attempt := 0; ; attempt++ {
		got, wait, err := f.get(ctx, src, etag, lastModified)
		if err == nil {
			return got, nil
		}
		last = err
		if wait < 0 || attempt >= f.retries() || ctx.Err() != nil {
			break
		}
		if wait == 0 {
			wait = backoff(attempt)
		}
		if err := f.sleep(ctx, wait); err != nil {
			break
		}
	}
	return Fetched{}, last
}

func (f *Fetcher) retries() int {
	if f.MaxRetries > 0 {
		return f.MaxRetries
	}
	return 5
}

// get makes one request. wait < 0: final; 0: retry after backoff; > 0: Retry-After.
func (f *Fetcher) get(ctx context.Context, src Source, etag, lastModified string) (Fetched, time.Duration, error) {
	fail := func(format string, a ...any) error {
		return fmt.Errorf("calendar of %s (%s): %s", src.Person, src.Label, redact(fmt.Sprintf(format, a...), src.URL))
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, src.URL, nil)
	if err != nil {
		return Fetched{}, -1, fail("bad URL")
	}
	req.Header.Set("Accept", "text/calendar, */*;q=0.5")
	if etag != "" {
		req.Header.Set("If-None-Match", etag)
	}
	if lastModified != "" {
		req.Header.Set("If-Modified-Since", lastModified)
	}
	client := f.Client
	if client == nil {
		client = &http.Client{Timeout: 60 * time.Second, CheckRedirect: safeRedirect}
	}
	resp, err := client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // url.Error prints the URL: a secret
		}
		return Fetched{}, 0, fail("cannot reach the feed: %v", err)
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotModified:
		return Fetched{NotModified: true, ETag: etag, LastModified: lastModified}, 0, nil
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable:
		return Fetched{}, retryAfter(resp.Header.Get("Retry-After")), fail("the server answered %d", resp.StatusCode)
	case resp.StatusCode >= 500:
		return Fetched{}, 0, fail("the server answered %d", resp.StatusCode)
	case resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden || resp.StatusCode == http.StatusNotFound:
		return Fetched{}, -1, fail("the server answered %d: the address is wrong or was reset (make a new secret address)", resp.StatusCode)
	case resp.StatusCode != http.StatusOK:
		return Fetched{}, -1, fail("the server answered %d", resp.StatusCode)
	}
	body, err := readLimited(resp.Body, f.maxBytes())
	if errors.Is(err, ErrTooLarge) {
		return Fetched{}, -1, fmt.Errorf("calendar of %s (%s): %w (%d bytes)", src.Person, src.Label, ErrTooLarge, f.maxBytes())
	}
	if err != nil {
		return Fetched{}, 0, fail("reading the feed: %v", err)
	}
	return Fetched{Body: body, ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}, 0, nil
}

func (f *Fetcher) readFile(src Source) (Fetched, error) {
	fh, err := os.Open(src.File)
	if err != nil {
		return Fetched{}, fmt.Errorf("calendar of %s: %w", src.Person, err)
	}
	defer fh.Close()
	body, err := readLimited(fh, f.maxBytes())
	if err != nil {
		return Fetched{}, fmt.Errorf("calendar of %s (%s): %w", src.Person, src.File, err)
	}
	return Fetched{Body: body}, nil
}

func readLimited(r io.Reader, limit int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, ErrTooLarge
	}
	return b, nil
}

func (f *Fetcher) sleep(ctx context.Context, d time.Duration) error {
	if f.Sleep != nil {
		return f.Sleep(ctx, d)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// retryAfter reads Retry-After in seconds or as an HTTP date, capped at 5 min.
func retryAfter(v string) time.Duration {
	var d time.Duration
	if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && n >= 0 {
		d = time.Duration(n) * time.Second
	} else if t, err := http.ParseTime(v); err == nil {
		d = time.Until(t)
	}
	if d <= 0 {
		return 0
	}
	return min(d, 5*time.Minute)
}

func backoff(attempt int) time.Duration {
	d := time.Second << min(attempt, 5)
	return min(d+rand.N(d/2+1), time.Minute)
}

// safeRedirect follows at most 5 redirects, never from https down to a
// plain http host off loopback.
func safeRedirect(req *http.Request, via []*http.Request) error {
	if len(via) >= 5 {
		return errors.New("too many redirects")
	}
	if req.URL.Scheme != "https" && !(req.URL.Scheme == "http" && isLoopback(req.URL.Hostname())) {
		return errors.New("redirected to a non-https address")
	}
	return nil
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// redact removes the URL and its parts from a message.
func redact(msg, secret string) string {
	if secret == "" {
		return msg
	}
	msg = strings.ReplaceAll(msg, secret, "<redacted>")
	if u, err := url.Parse(secret); err == nil {
		for _, part := range []string{u.RawQuery, u.EscapedPath(), u.Path} {
			if len(part) > 1 {
				msg = strings.ReplaceAll(msg, part, "<redacted>")
			}
		}
	}
	return msg
}
