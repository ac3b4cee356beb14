package collector_test

import (
	"context"
	"math/rand/v2"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/roleload/roleload/jirasim"
	"github.com/roleload/roleload/store"
)

// TestKilled runs the collector in a child process, SIGKILLs it at random
// points several times, then lets a run finish: the store must hold
// exactly what Jira shows, and the resumed runs must not have started
// over.
func TestKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	seed := uint64(time.Now().UnixNano())
	t.Logf("kill seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 1))
	for _, fl := range flavors {
		t.Run(string(fl), func(t *testing.T) {
			e := newEnv(t, "load", fl, 300)
			// Slow answers spread the run over time, so kills land mid-pass.
			e.sim.SetFaults(jirasim.Faults{Rate: 0.3, Kinds: []jirasim.FaultKind{jirasim.FaultSlow}, SlowDelay: 15 * time.Millisecond, Seed: 1})
			o := e.options()
			env := append(os.Environ(), childEnv+"=1", "CHILD_DB="+e.path, "CHILD_URL="+o.Jira.URL, "CHILD_EMAIL="+o.Jira.Email,
				"CHILD_TOKEN="+o.Jira.Token, "CHILD_PROJECTS="+strings.Join(o.Jira.Projects, ","), "CHILD_PAGE_SIZE=10")
			resumed := 0
			for i := 0; i < 5; i++ {
				cmd := exec.Command(os.Args[0], "-test.run=^$")
				cmd.Env = env
				must(t, cmd.Start())
				time.Sleep(time.Duration(50+rng.IntN(400)) * time.Millisecond)
				_ = cmd.Process.Kill()
				_ = cmd.Wait()
				st, err := e.st.SyncState(context.Background(), "issues")
				must(t, err)
				if st.InPass() && st.Cursor != "" {
					resumed++
				}
				if i%2 == 1 {
					// Jira moves on between kills.
					e.sim.Advance(3 * time.Minute)
					is := e.sim.AsOfNow().Issues[i]
					must(t, e.sim.AddComment(is.Key, e.ds.People[0].ID, "between kills", e.sim.Now()))
				}
			}
			e.sim.SetFaults(jirasim.Faults{})
			e.run()
			e.checkComplete()
			runs, err := e.st.LastRuns(context.Background(), 10)
			must(t, err)
			statuses := map[string]int{}
			for _, r := range runs {
				statuses[r.Status]++
			}
			if statuses[store.RunRunning] != 0 || statuses[store.RunOK] == 0 {
				t.Errorf("run statuses %v: killed runs must end up interrupted", statuses)
			}
			t.Logf("kills that left a resumable checkpoint: %d of 5; runs %v", resumed, statuses)
		})
	}
}
