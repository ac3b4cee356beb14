// Package smtptest runs a real SMTP server (github.com/emersion/go-smtp) on
// loopback for tests, the way net/http/httptest runs an HTTP one: it
// records what it receives and can be told to fail the next deliveries.
package smtptest

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"io"
	"math/big"
	"mime"
	"net"
	"net/mail"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Server is a real SMTP server on loopback that records what it receives
// and can be told to fail the next deliveries. It requires AUTH PLAIN with
// User and Pass.
type Server struct {
	Host string
	Port int
	CA   *x509.CertPool // trusts the server's self-signed certificate

	mu       sync.Mutex
	received []Received
	mails    int     // MAIL FROM commands: delivery attempts (go-smtp makes a new session after STARTTLS)
	failData []error // returned by the next Data calls, in order
	failRcpt []error
}

// Received is one delivered message.
type Received struct {
	From string
	To   []string
	Data []byte
}

// The credentials the server accepts.
const (
	User = "roleload"
	Pass = "s3cret"
)

// Start starts a server that stops when the test ends; tlsMode is
// "starttls", "implicit" or "none" (no STARTTLS offered at all).
func Start(t testing.TB, tlsMode string) *Server {
	t.Helper()
	cert, pool := selfSigned(t)
	ts := &Server{Host: "127.0.0.1", CA: pool}
	s := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) {
		return &session{ts: ts}, nil
	}))
	s.Domain = "localhost"
	s.ReadTimeout, s.WriteTimeout = 10*time.Second, 10*time.Second
	s.AllowInsecureAuth = tlsMode == "none"
	tlsCfg := &tls.Config{Certificates: []tls.Certificate{cert}}
	var l net.Listener
	var err error
	switch tlsMode {
	case "implicit":
		l, err = tls.Listen("tcp", "127.0.0.1:0", tlsCfg)
	case "starttls":
		s.TLSConfig = tlsCfg
		fallthrough
	default:
		l, err = net.Listen("tcp", "127.0.0.1:0")
	}
	if err != nil {
		t.Fatal(err)
	}
	_, port, _ := net.SplitHostPort(l.Addr().String())
	ts.Port, _ = strconv.Atoi(port)
	go s.Serve(l)
	t.Cleanup(func() { s.Close() })
	return ts
}

// FailNextData makes the next DATA commands fail with errs, in order.
func (ts *Server) FailNextData(errs ...error) {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	ts.failData = append(ts.failData, errs...)
}

// FailNextRcpt makes the next RCPT commands fail with errs, in order.
func (ts *Server) FailNextRcpt(errs ...error) {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	ts.failRcpt = append(ts.failRcpt, errs...)
}

// Messages returns what was delivered so far.
func (ts *Server) Messages() []Received {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return append([]Received(nil), ts.received...)
}

// Subjects returns the decoded subjects of what was delivered so far, in
// order (folded and RFC 2047-encoded headers included).
func (ts *Server) Subjects(t testing.TB) []string {
	t.Helper()
	var out []string
	var dec mime.WordDecoder
	for _, m := range ts.Messages() {
		msg, err := mail.ReadMessage(bytes.NewReader(m.Data))
		if err != nil {
			t.Fatalf("delivered message: %v", err)
		}
		subj, err := dec.DecodeHeader(msg.Header.Get("Subject"))
		if err != nil {
			t.Fatalf("delivered subject: %v", err)
		}
		out = append(out, subj)
	}
	return out
}

// Attempts counts MAIL FROM commands: delivery attempts, failed ones too.
func (ts *Server) Attempts() int {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return ts.mails
}

type session struct {
	ts     *Server
	authed bool
	cur    Received
}

func (s *session) AuthMechanisms() []string { return []string{sasl.Plain} }

func (s *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != User || pass != Pass {
			return &smtp.SMTPError{Code: 535, EnhancedCode: smtp.EnhancedCode{5, 7, 8}, Message: "bad credentials"}
		}
		s.authed = true
		return nil
	}), nil
}

func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	if !s.authed {
		return &smtp.SMTPError{Code: 530, EnhancedCode: smtp.EnhancedCode{5, 7, 0}, Message: "authentication required"}
	}
	s.cur = Received{From: from}
	s.ts.mu.Lock()
	s.ts.mails++
	s.ts.mu.Unlock()
	return nil
}

func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if err := s.ts.pop(&s.ts.failRcpt); err != nil {
		return err
	}
	s.cur.To = append(s.cur.To, to)
	return nil
}

func (s *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	if err := s.ts.pop(&s.ts.failData); err != nil {
		return err
	}
	s.cur.Data = b
	s.ts.mu.Lock()
	s.ts.received = append(s.ts.received, s.cur)
	s.ts.mu.Unlock()
	return nil
}

func (ts *Server) pop(list *[]error) error {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	if len(*list) == 0 {
		return nil
	}
	err := (*list)[0]
	*list = (*list)[1:]
	return err
}

func (s *session) Reset()        { s.cur = Received{} }
func (s *session) Logout() error { return nil }

// selfSigned makes a certificate for 127.0.0.1 and localhost, and a pool
// that trusts it.
func selfSigned(t testing.TB) (tls.Certificate, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "roleload test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), // wallclock:duration (TLS checks the real clock)
		KeyUsage:    x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}, DNSNames: []string{"localhost"},
		IsCA: true, BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(leaf)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, pool
}

// ErrTemp is a temporary failure (451); ErrPerm a permanent one (550).
var (
	ErrTemp = &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try again later"}
	ErrPerm = &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such user"}
)
