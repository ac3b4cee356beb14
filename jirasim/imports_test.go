package jirasim_test

import (
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"testing"
)

// TestImports: dependencies point one way, jirasim -> scenario -> model
// and jirasim -> jql. scenario imports nothing of roleload's but model,
// jql nothing at all, and neither imports jirasim.
func TestImports(t *testing.T) {
	for _, c := range []struct {
		pkg     string
		allowed []string
	}{
		{"./jql", []string{"jirasim/jql"}},
		{"./scenario", []string{"jirasim/scenario", "model"}},
		{".", []string{"jirasim", "jirasim/jql", "jirasim/scenario", "model"}},
	} {
		out, err := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}}", c.pkg).Output()
		if errors.Is(err, exec.ErrNotFound) {
			t.Skipf("go list unavailable: %v", err)
		}
		if err != nil { // an import cycle, for one
			var ee *exec.ExitError
			if errors.As(err, &ee) {
				err = fmt.Errorf("%w: %s", err, ee.Stderr)
			}
			t.Fatalf("go list %s: %v", c.pkg, err)
		}
		allowed := map[string]bool{}
		for _, a := range c.allowed {
			allowed[a] = true
		}
		for _, p := range strings.Fields(string(out)) {
			if rest, ok := strings.CutPrefix(p, "github.com/roleload/roleload/"); ok && !allowed[rest] {
				t.Errorf("%s imports %s", c.pkg, p)
			}
		}
	}
}
