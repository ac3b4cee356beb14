package mail

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/textproto"
	"strings"

	gomail "github.com/wneessen/go-mail"
)

// Error is a failed send. Permanent failures (SMTP 5xx, refused
// certificates, a server without STARTTLS, bad addresses) will not succeed
// by retrying; temporary ones (4xx, network) were retried until the
// attempts ran out.
type Error struct {
	Permanent bool
	Code      int // SMTP reply code, 0 when the failure was not a reply
	Attempts  int
	Err       error
}

func (e *Error) Error() string {
	kind := "temporary"
	if e.Permanent {
		kind = "permanent"
	}
	code := ""
	if e.Code != 0 {
		code = fmt.Sprintf(" (SMTP %d)", e.Code)
	}
	return fmt.Sprintf("send mail: %s failure%s after %d attempt(s): %v", kind, code, e.Attempts, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// IsPermanent reports whether err is a send failure that retrying will not fix.
func IsPermanent(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Permanent
}

// classify decides whether a failure is worth another attempt.
func classify(err error) *Error {
	e := &Error{Err: err}
	var tp *textproto.Error
	var se *gomail.SendError
	switch {
	case errors.As(err, &tp):
		e.Code = tp.Code
	case errors.As(err, &se):
		e.Code = se.ErrorCode()
	}
	if e.Code == 0 {
		e.Code = leadingCode(err.Error())
	}
	var certErr *tls.CertificateVerificationError
	var unknownCA x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var netErr net.Error
	switch {
	case e.Code >= 400 && e.Code < 500:
		e.Permanent = false
	case e.Code >= 500:
		e.Permanent = true
	case errors.As(err, &certErr), errors.As(err, &unknownCA), errors.As(err, &hostErr),
		strings.Contains(err.Error(), "does not support STARTTLS"):
		e.Permanent = true // a configuration problem: the next try ends the same
	case errors.Is(err, context.Canceled):
		e.Permanent = true
	case errors.As(err, &netErr), errors.Is(err, context.DeadlineExceeded), errors.Is(err, net.ErrClosed),
		strings.Contains(err.Error(), "EOF"), strings.Contains(err.Error(), "connection reset"):
		e.Permanent = false
	default:
		e.Permanent = true // unknown: do not hammer the server
	}
	return e
}

// leadingCode finds an SMTP reply code at the start of an error text or
// after a colon ("... failed: 451 4.3.0 try later"), for errors that
// go-mail wraps as text only.
func leadingCode(s string) int {
	for _, part := range strings.Split(s, ": ") {
		part = strings.TrimSpace(part)
		if len(part) >= 4 && (part[0] == '4' || part[0] == '5') && part[3] == ' ' &&
			part[1] >= '0' && part[1] <= '9' && part[2] >= '0' && part[2] <= '9' {
			return int(part[0]-'0')*100 + int(part[1]-'0')*10 + int(part[2]-'0')
		}
	}
	return 0
}
