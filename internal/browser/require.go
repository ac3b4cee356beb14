package browser

import (
	"os"
	"testing"
)

// Require returns the browser for a test that needs one. When none is
// installed, the test fails if the environment variable CI is set (CI must
// install what the tests need: `make deps`), and is skipped with a visible
// notice otherwise (a developer's machine may lack Chromium).
func Require(t testing.TB) string {
	t.Helper()
	return need(t, Find(), os.Getenv("CI") != "")
}

func need(t testing.TB, exe string, ci bool) string {
	t.Helper()
	if exe != "" {
		return exe
	}
	if ci {
		t.Fatal("no chromium found and CI is set: the browser tests must run in CI; install it with `make deps` (Debian package chromium)")
	}
	t.Skip("SKIPPED: no chromium on this machine (install it with `make deps`); in CI (CI set) this test fails instead")
	return ""
}
