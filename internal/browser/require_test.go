package browser

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestRequireWithoutBrowser runs, in a child process, a test that needs a
// browser on a machine that has none: it must fail when CI is set and be
// skipped otherwise.
func TestRequireWithoutBrowser(t *testing.T) {
	if os.Getenv("BROWSER_REQUIRE_CHILD") == "1" {
		need(t, "", os.Getenv("CI") != "")
		return
	}
	for _, tc := range []struct {
		ci       string
		wantFail bool
		output   string
	}{
		{"", false, "SKIPPED: no chromium"},
		{"1", true, "no chromium found and CI is set"},
		{"true", true, "no chromium found and CI is set"},
	} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestRequireWithoutBrowser$", "-test.v")
		cmd.Env = append(os.Environ(), "BROWSER_REQUIRE_CHILD=1", "CI="+tc.ci)
		out, err := cmd.CombinedOutput()
		if failed := err != nil; failed != tc.wantFail || !strings.Contains(string(out), tc.output) {
			t.Errorf("CI=%q: failed %v, want %v; output:\n%s", tc.ci, failed, tc.wantFail, out)
		}
	}
}
