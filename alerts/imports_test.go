package alerts_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestImports keeps alerts pure: the app evaluates, stores and sends
// (store is imported for its Alert type only).
func TestImports(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}}", ".").Output()
	if err != nil {
		t.Skipf("go list unavailable: %v", err)
	}
	for _, p := range strings.Fields(string(out)) {
		for _, banned := range []string{"app", "mail", "cmd", "collector", "reports"} {
			if strings.HasPrefix(p, "github.com/roleload/roleload/"+banned) {
				t.Errorf("alerts imports %s", p)
			}
		}
	}
}
