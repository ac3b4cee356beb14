package reports

import (
	"strings"
	"testing"
)

// FuzzMarkdownText: whatever Jira sends, an escaped cell stays one cell on
// one line, and opens no link, image, tag or autolink.
func FuzzMarkdownText(f *testing.F) {
	for _, s := range []string{"<script>alert(1)</script>", "a | b", "[x](javascript:alert(1))", "line\nbreak\r\n| x |",
		`back\slash\|`, "https://evil.example", "www.evil.example", "# head", "`code`", "&lt;b&gt;"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := mdText(s)
		if strings.ContainsAny(out, "\r\n") {
			t.Fatalf("line break in %q", out)
		}
		for i := 0; i < len(out); i++ {
			if !strings.ContainsRune("|[]<>`*_", rune(out[i])) {
				continue
			}
			// The character must be preceded by an odd run of backslashes.
			n := 0
			for j := i - 1; j >= 0 && out[j] == '\\'; j-- {
				n++
			}
			if n%2 == 0 {
				t.Fatalf("unescaped %q at %d in %q (from %q)", out[i], i, out, s)
			}
		}
		if strings.Contains(strings.ReplaceAll(out, `\://`, ""), "://") || strings.Contains(out, "www.") {
			t.Fatalf("autolink survives in %q", out)
		}
	})
}
