package collector_test

import (
	"testing"

	"github.com/roleload/roleload/model"
)

var flavors = []model.Flavor{model.Cloud, model.Server}

func TestCompleteness(t *testing.T) {
	for _, fl := range flavors {
		t.Run(string(fl), func(t *testing.T) {
			e := newEnv(t, "load", fl, 300)
			h, c, w := maxActivity(e.sim.AsOfNow())
			if h <= 150 || c <= 70 || w <= 30 {
				t.Fatalf("scenario lacks a heavy issue: max %d histories, %d comments, %d worklogs", h, c, w)
			}
			sum := e.run()
			t.Logf("%s", sum)
			e.checkComplete()
			if sum.Flavor != string(fl) {
				t.Errorf("flavor %q, want %q", sum.Flavor, fl)
			}
		})
	}
}
