package mail

import (
	"bytes"
	"context"
	"crypto/tls"
	"github.com/roleload/roleload/mail/smtptest"
	"io"
	"mime"
	"mime/multipart"
	netmail "net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/roleload/roleload/analysis"
	"github.com/roleload/roleload/config"
	"github.com/roleload/roleload/reports"
)

func newSender(t *testing.T, ts *smtptest.Server, tlsMode string, opts ...Option) *Sender {
	t.Helper()
	cfg := config.Email{Host: ts.Host, Port: ts.Port, TLS: tlsMode, Username: smtptest.User, Password: smtptest.Pass,
		From: "roleload <roleload@example.com>", To: []string{"Lead <lead@example.com>", "cpo@example.com"}}
	opts = append([]Option{WithTLSConfig(&tls.Config{RootCAs: ts.CA}), WithRetry(3, 10*time.Millisecond), WithTimeout(5 * time.Second)}, opts...)
	s, err := New(cfg, nil, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func f(v float64) *float64 { return &v }

// testReport is a small weekly report with two real charts (rendered
// once: drawing is slow under -race).
func testReport(t *testing.T) *reports.Report {
	t.Helper()
	r, err := reportOnce()
	if err != nil {
		t.Fatal(err)
	}
	c := *r
	c.Charts = append([]reports.Chart(nil), r.Charts...)
	return &c
}

var reportOnce = sync.OnceValues(func() (*reports.Report, error) {
	res := &analysis.Result{
		Team: "checkout", AsOf: "2026-11-22", Reliable: true,
		Window:        analysis.Window{From: "2026-10-26", To: "2026-11-22", WorkingDays: 20},
		InputRequests: analysis.InputRequests{Total: 40, DaysWithRequests: 18, WorkingDays: 20, DailyShare: 0.9, Requesters: 5},
		Verdict: analysis.Verdict{Level: "hire_po", Subject: "pm",
			Signals: []analysis.Signal{{Name: "daily_inputs", Value: f(0.9), Threshold: 0.8, Tripped: true}},
			Evidence: []analysis.Evidence{{Issue: "CHK-1", Opened: "2026-11-10T10:00:00+01:00",
				Summary: "<script>alert(1)</script>", Requester: "Eve\r\nBcc: evil@example.com"}}},
		Weekly: []analysis.WeekMeasures{{Week: "2026-W46", Start: "2026-11-09", Requests: 9, DaysWithRequests: 4, WorkingDays: 5},
			{Week: "2026-W47", Start: "2026-11-16", Requests: 11, DaysWithRequests: 5, WorkingDays: 5}},
	}
	cs, err := reports.RenderCharts(res.Weekly, res)
	if err != nil {
		return nil, err
	}
	return &reports.Report{Team: "checkout", Week: "2026-W47", Current: res, JiraURL: "https://jira.example.com", Charts: cs[:2]}, nil
})

// part is one leaf of a parsed MIME message.
type part struct {
	contentType, cid string
	body             []byte
}

// parse reads a raw message with net/mail and walks its multipart tree.
func parse(t *testing.T, raw []byte) (*netmail.Message, []part) {
	t.Helper()
	msg, err := netmail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("message does not parse: %v", err)
	}
	var parts []part
	var walk func(ct string, header map[string][]string, body io.Reader)
	walk = func(ct string, header map[string][]string, body io.Reader) {
		mt, params, err := mime.ParseMediaType(ct)
		if err != nil {
			t.Fatalf("content type %q: %v", ct, err)
		}
		if strings.HasPrefix(mt, "multipart/") {
			mr := multipart.NewReader(body, params["boundary"])
			for {
				p, err := mr.NextPart() // decodes quoted-printable
				if err == io.EOF {
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				walk(p.Header.Get("Content-Type"), p.Header, p)
			}
		}
		b, _ := io.ReadAll(body)
		if get(header, "Content-Transfer-Encoding") == "base64" {
			b = decodeB64(t, b)
		}
		parts = append(parts, part{contentType: mt, cid: strings.Trim(get(header, "Content-Id"), "<>"), body: b})
	}
	walk(msg.Header.Get("Content-Type"), msg.Header, msg.Body)
	return msg, parts
}

func get(h map[string][]string, k string) string {
	for key, v := range h {
		if strings.EqualFold(key, k) && len(v) > 0 {
			return v[0]
		}
	}
	return ""
}

func TestSendReportEndToEnd(t *testing.T) {
	for _, mode := range []string{"starttls", "implicit"} {
		t.Run(mode, func(t *testing.T) {
			ts := smtptest.Start(t, mode)
			s := newSender(t, ts, mode)
			r := testReport(t)
			m, err := ReportMessage(r, nil)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Send(context.Background(), m); err != nil {
				t.Fatal(err)
			}
			got := ts.Messages()
			if len(got) != 1 {
				t.Fatalf("server received %d messages, want 1", len(got))
			}
			checkReportMessage(t, got[0], r)
		})
	}
}

func checkReportMessage(t *testing.T, rc smtptest.Received, r *reports.Report) {
	t.Helper()
	if want := []string{"lead@example.com", "cpo@example.com"}; strings.Join(rc.To, ",") != strings.Join(want, ",") {
		t.Errorf("recipients %v, want %v", rc.To, want)
	}
	msg, parts := parse(t, rc.Data)
	subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "roleload · checkout · 2026-W47 · Hire a product owner"; subject != want {
		t.Errorf("subject %q, want %q", subject, want)
	}
	if bcc := msg.Header.Get("Bcc"); bcc != "" {
		t.Errorf("message has a Bcc header: %q", bcc)
	}
	var text, html []byte
	images := map[string]bool{}
	for _, p := range parts {
		switch p.contentType {
		case "text/plain":
			text = p.body
		case "text/html":
			html = p.body
		case "image/png":
			images[p.cid] = true
		}
	}
	if !bytes.Contains(text, []byte("HIRE A PRODUCT OWNER")) {
		t.Errorf("text part missing or without the verdict: %.200q", text)
	}
	if !bytes.Contains(html, []byte("Hire a product owner")) || bytes.Contains(bytes.ToLower(html), []byte("<script")) {
		t.Errorf("html part missing, without the verdict or unescaped")
	}
	if len(images) != len(r.Charts) {
		t.Errorf("%d inline images, want %d (one per chart)", len(images), len(r.Charts))
	}
	for _, c := range r.Charts {
		cid := reports.ContentID(c)
		if !images[cid] {
			t.Errorf("no inline image with Content-ID %s", cid)
		}
		if !bytes.Contains(html, []byte(`src="cid:`+cid+`"`)) {
			t.Errorf("html does not reference cid:%s", cid)
		}
	}
}

func TestMIMEStructure(t *testing.T) {
	ts := smtptest.Start(t, "starttls")
	s := newSender(t, ts, "starttls")
	m, err := ReportMessage(testReport(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Send(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	msg, parts := parse(t, ts.Messages()[0].Data)
	mt, _, _ := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if mt != "multipart/related" {
		t.Errorf("top-level %s, want multipart/related", mt)
	}
	var order []string
	for _, p := range parts {
		order = append(order, p.contentType)
	}
	if strings.Join(order, ",") != "text/plain,text/html,image/png,image/png" {
		t.Errorf("parts %v, want text, html, then the images", order)
	}
}
