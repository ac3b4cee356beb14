package store_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestImports keeps store below everything else: it may import model only.
func TestImports(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}}", ".").Output()
	if err != nil {
		t.Skipf("go list unavailable: %v", err)
	}
	for _, p := range strings.Fields(string(out)) {
		if strings.HasPrefix(p, "github.com/roleload/roleload/") && p != "github.com/roleload/roleload/model" && p != "github.com/roleload/roleload/store" {
			t.Errorf("store imports %s", p)
		}
	}
}
