package mail

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"io"
	"math/big"
	"net"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// testServer is a real SMTP server on loopback (go-smtp) that records what
// it receives and can be told to fail the next deliveries.
type testServer struct {
	host string
	port int
	ca   *x509.CertPool // trusts the server's self-signed certificate

	mu       sync.Mutex
	received []received
	mails    int     // MAIL FROM commands: delivery attempts (go-smtp makes a new session after STARTTLS)
	failData []error // returned by the next Data calls, in order
	failRcpt []error
}

type received struct {
	from string
	to   []string
	data []byte
}

const (
	testUser = "roleload"
	testPass = "s3cret"
)

// startServer starts the server; tlsMode is "starttls", "implicit" or
// "none" (no STARTTLS offered at all).
func startServer(t *testing.T, tlsMode string) *testServer {
	t.Helper()
	cert, pool := selfSigned(t)
	ts := &testServer{host: "127.0.0.1", ca: pool}
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
	ts.port, _ = strconv.Atoi(port)
	go s.Serve(l)
	t.Cleanup(func() { s.Close() })
	return ts
}

func (ts *testServer) failNextData(errs ...error) {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	ts.failData = append(ts.failData, errs...)
}

func (ts *testServer) failNextRcpt(errs ...error) {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	ts.failRcpt = append(ts.failRcpt, errs...)
}

func (ts *testServer) messages() []received {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return append([]received(nil), ts.received...)
}

type session struct {
	ts     *testServer
	authed bool
	cur    received
}

func (s *session) AuthMechanisms() []string { return []string{sasl.Plain} }

func (s *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != testUser || pass != testPass {
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
	s.cur = received{from: from}
	s.ts.mu.Lock()
	s.ts.mails++
	s.ts.mu.Unlock()
	return nil
}

func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if err := s.ts.pop(&s.ts.failRcpt); err != nil {
		return err
	}
	s.cur.to = append(s.cur.to, to)
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
	s.cur.data = b
	s.ts.mu.Lock()
	s.ts.received = append(s.ts.received, s.cur)
	s.ts.mu.Unlock()
	return nil
}

func (ts *testServer) pop(list *[]error) error {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	if len(*list) == 0 {
		return nil
	}
	err := (*list)[0]
	*list = (*list)[1:]
	return err
}

func (s *session) Reset()        { s.cur = received{} }
func (s *session) Logout() error { return nil }

// selfSigned makes a certificate for 127.0.0.1 and localhost, and a pool
// that trusts it.
func selfSigned(t *testing.T) (tls.Certificate, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "roleload test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
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

var errTemp = &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try again later"}
var errPerm = &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such user"}
