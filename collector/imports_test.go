package collector_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestImports: collector may import config, model, store and its own
// jira seam, and internal/clock; nothing of analysis, reports, alerts, app or cmd.
func TestImports(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}}", ".").Output()
	if err != nil {
		t.Skipf("go list unavailable: %v", err)
	}
	allowed := map[string]bool{"config": true, "model": true, "store": true, "collector": true, "collector/jira": true, "internal/clock": true}
	for _, p := range strings.Fields(string(out)) {
		if rest, ok := strings.CutPrefix(p, "github.com/roleload/roleload/"); ok && !allowed[rest] {
			t.Errorf("collector imports %s", p)
		}
	}
}
