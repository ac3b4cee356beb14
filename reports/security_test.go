package reports

import (
	"bytes"
	"strings"
	"testing"
)

// hostile is a report whose Jira text tries to inject markup, links,
// table cells and headers.
func hostile() *Report {
	r := goldenReport()
	r.Team = "<b>team</b>\n# heading"
	ev := &r.Current.Verdict.Evidence[0]
	ev.Summary = "<script>alert(1)</script> | [click](javascript:alert(1)) *x*\n| injected | row |"
	ev.Requester = "Eve\r\nBcc: evil@example.com"
	ev.Issue = `CHK-1"><script>alert(2)</script>`
	r.Current.People[0].Name = "<img src=x onerror=alert(3)>"
	return r
}

func TestHostileTextIsEscaped(t *testing.T) {
	r := hostile()
	h, err := RenderHTML(r, ImageCID)
	if err != nil {
		t.Fatal(err)
	}
	low := strings.ToLower(string(h))
	for _, bad := range []string{"<script", "<img src=x", `href="javascript`, "<b>team"} {
		if strings.Contains(low, bad) {
			t.Errorf("html contains %q", bad)
		}
	}
	md, err := RenderMarkdown(r)
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"](javascript", "\n# heading", "\n| injected"} {
		if bytes.Contains(md, []byte(bad)) {
			t.Errorf("markdown contains %q", bad)
		}
	}
	// A "<" is only harmless in Markdown when it is backslash-escaped.
	for i := range md {
		if md[i] == '<' && (i == 0 || md[i-1] != '\\') {
			t.Errorf("markdown has an unescaped '<' at %q", md[max(0, i-20):min(len(md), i+20)])
		}
	}
	// Every evidence row must still have exactly seven unescaped pipes.
	rows := 0
	for _, line := range strings.Split(string(md), "\n") {
		if strings.Contains(line, "CHK-") && strings.HasPrefix(line, "| ") {
			rows++
			if n := strings.Count(line, "|") - strings.Count(line, `\|`); n != 7 {
				t.Errorf("evidence row has %d cell separators, want 7: %s", n, line)
			}
		}
	}
	if rows != 2 {
		t.Errorf("%d evidence rows in the markdown, want 2", rows)
	}
	txt := RenderText(r)
	for _, line := range strings.Split(txt, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "Bcc:") {
			t.Errorf("text has a line starting with Bcc: %q", line)
		}
	}
	if s := Subject(r); strings.ContainsAny(s, "\r\n") {
		t.Errorf("subject has a line break: %q", s)
	}
}

func TestChartsReferencedByContentID(t *testing.T) {
	r := goldenReport()
	r.Charts[0].CID = "evil\r\n\"><script>@x"
	h, err := RenderHTML(r, ImageCID)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range r.Charts {
		if !bytes.Contains(h, []byte(`src="cid:`+ContentID(c)+`"`)) {
			t.Errorf("html does not reference cid:%s", ContentID(c))
		}
	}
	if id := ContentID(r.Charts[0]); strings.ContainsAny(id, "\r\n\"<> ") {
		t.Errorf("unsafe Content-ID %q", id)
	}
}

// TestControlCharactersDropped: plain text goes to terminals (`roleload
// analyze`) and mail clients; an ESC sequence or a bidi override in a Jira
// summary or name must not reach them.
func TestControlCharactersDropped(t *testing.T) {
	r := goldenReport()
	r.Current.Verdict.Evidence[0].Summary = "ok\x1b]8;;http://evil\x07click\x1b]8;;\x07 \x1b[2J\u202egnp.exe\x00\x7f"
	r.Current.People[0].Name = "Paula\x1b[31m\u2066"
	r.Current.Verdict.Reasons = []string{"about \x1b[1mPaula\x9b"}
	var b bytes.Buffer
	if err := WriteAnalysisText(&b, r.Current); err != nil {
		t.Fatal(err)
	}
	md, err := RenderMarkdown(r)
	if err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string]string{"text": RenderText(r), "analyze": b.String(), "markdown": string(md)} {
		for _, c := range []string{"\x1b", "\x07", "\x00", "\x7f", "\u009b", "\u202e", "\u2066"} {
			if strings.Contains(out, c) {
				t.Errorf("%s output contains control character %q", name, c)
			}
		}
	}
}

// TestNilAnalysisDoesNotPanic: exported entry points refuse or degrade on
// a missing analysis instead of panicking in the daemon or the CLI.
func TestNilAnalysisDoesNotPanic(t *testing.T) {
	if h := Headline(nil); h != "No verdict" {
		t.Errorf("Headline(nil) = %q", h)
	}
	if s := Subject(&Report{Team: "checkout", Week: "2026-W47"}); !strings.Contains(s, "No verdict") {
		t.Errorf("subject without analysis %q", s)
	}
	if err := WriteAnalysisText(&bytes.Buffer{}, nil); err == nil {
		t.Errorf("WriteAnalysisText(nil) gave no error")
	}
}
