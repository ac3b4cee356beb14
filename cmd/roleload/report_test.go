package main

import (
	"bytes"
	"encoding/json"
	"image/png"
	"mime"
	"mime/multipart"
	"net/mail"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/roleload/roleload/mail/smtptest"
	"github.com/roleload/roleload/model"
)

// TestDemo runs `roleload demo` as `make demo` does and checks what a user
// opens: the report files, the charts, and the verdict printed.
func TestDemo(t *testing.T) {
	out := t.TempDir()
	stdout, stderr, code := runCLI(t, noEnv, "demo", "--out", out)
	if code != 0 {
		t.Fatalf("demo: exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "verdict    hire_po") {
		t.Errorf("demo verdict: %s", stdout)
	}
	for _, f := range []string{"report.html", "report.md", "report.json", "roleload.db", "roleload.yaml", "charts/time-split.png", "charts/input-requests.svg"} {
		if st, err := os.Stat(filepath.Join(out, f)); err != nil || st.Size() == 0 {
			t.Errorf("demo did not write %s: %v", f, err)
		}
	}
	var r struct {
		Verdict struct{ Level string } `json:"verdict"`
		Team    string                 `json:"team"`
	}
	b, _ := os.ReadFile(filepath.Join(out, "report.json"))
	if err := json.Unmarshal(b, &r); err != nil || r.Verdict.Level != "hire_po" || r.Team != "checkout" {
		t.Errorf("report.json: %v %+v", err, r)
	}
	f, _ := os.Open(filepath.Join(out, "charts/time-split.png"))
	defer f.Close()
	if img, err := png.Decode(f); err != nil || img.Bounds().Dx() < 600 {
		t.Errorf("time-split.png: %v", err)
	}
	// Running it again starts over rather than adding to the old store.
	if _, stderr, code := runCLI(t, noEnv, "demo", "--out", out); code != 0 {
		t.Fatalf("second demo: exit %d: %s", code, stderr)
	}
}

// TestReportSendAndChart: report into the archive and by e-mail to a real
// SMTP server on loopback, and an ad-hoc chart, from a collected store.
func TestReportSendAndChart(t *testing.T) {
	s := startSim(t, "overloaded", model.Server)
	smtp := smtptest.Start(t, "none") // a local relay: plain SMTP is allowed on loopback only
	cfg, _ := os.ReadFile(s.config)
	cfg = append(cfg, []byte("email: {host: 127.0.0.1, port: "+strconv.Itoa(smtp.Port)+", tls: none, username: "+smtptest.User+
		", password_env: SMTP_PW, from: roleload@example.com, to: [cpo@example.com, lead@example.com]}\n")...)
	if err := os.WriteFile(s.config, cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	getenv := func(k string) string {
		if k == "SMTP_PW" {
			return smtptest.Pass
		}
		return s.getenv(k)
	}
	run := func(args ...string) string {
		t.Helper()
		out, stderr, code := runCLI(t, getenv, append(args, "--config", s.config)...)
		if code != 0 {
			t.Fatalf("roleload %v: exit %d: %s", args, code, stderr)
		}
		return out
	}
	run("collect")
	out := run("report", "--team", "checkout", "--week", "2026-W47", "--send")
	dir := filepath.Join(s.dir, "reports", "checkout", "2026-W47")
	if !strings.Contains(out, dir) || !strings.Contains(out, "sent to 2") {
		t.Errorf("report output: %s", out)
	}
	if _, err := os.Stat(filepath.Join(dir, "report.html")); err != nil {
		t.Errorf("archive: %v", err)
	}
	msgs := smtp.Messages()
	if len(msgs) != 1 {
		t.Fatalf("%d messages arrived, want 1", len(msgs))
	}
	m, err := mail.ReadMessage(bytes.NewReader(msgs[0].Data))
	if err != nil {
		t.Fatal(err)
	}
	subj, _ := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	for _, want := range []string{"checkout", "2026-W47", "product owner"} {
		if !strings.Contains(strings.ToLower(subj), strings.ToLower(want)) {
			t.Errorf("subject %q lacks %q", subj, want)
		}
	}
	if strings.Join(msgs[0].To, ",") != "cpo@example.com,lead@example.com" {
		t.Errorf("recipients %v", msgs[0].To)
	}
	mt, params, _ := mime.ParseMediaType(m.Header.Get("Content-Type"))
	if mt != "multipart/related" && mt != "multipart/mixed" && mt != "multipart/alternative" {
		t.Errorf("content type %s", mt)
	}
	if _, err := multipart.NewReader(m.Body, params["boundary"]).NextPart(); err != nil {
		t.Errorf("multipart body: %v", err)
	}

	png := filepath.Join(s.dir, "split.png")
	svg := filepath.Join(s.dir, "requests.svg")
	run("chart", "time-split", "--team", "checkout", "--weeks", "12", "--as-of", "2026-11-27", "--out", png)
	run("chart", "input-requests", "--team", "checkout", "--as-of", "2026-11-27", "--out", svg)
	if b, _ := os.ReadFile(png); !bytes.HasPrefix(b, []byte("\x89PNG")) {
		t.Errorf("%s is not a PNG", png)
	}
	if b, _ := os.ReadFile(svg); !bytes.Contains(b, []byte("<svg")) {
		t.Errorf("%s is not an SVG", svg)
	}
}
