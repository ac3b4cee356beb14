package collector_test

import (
	"context"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/roleload/roleload/config"
	"github.com/roleload/roleload/jirasim"
	"github.com/roleload/roleload/store"
)

// killSeed decides where the kills land; KILL_SEED replays another one.
func killSeed(t *testing.T) uint64 {
	seed := uint64(20261204)
	if s := os.Getenv("KILL_SEED"); s != "" {
		v, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatalf("KILL_SEED %q: %v", s, err)
		}
		seed = v
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("kill seed %d (replay with KILL_SEED=%d)", seed, seed)
		}
	})
	return seed
}

// searchPages counts the issue-search pages among reqs (not the census,
// which asks for ids only, nor changelog pages).
func searchPages(reqs []jirasim.LoggedRequest) int {
	n := 0
	for _, r := range reqs {
		if strings.Contains(r.Path, "/search") && !strings.Contains(r.Query, "fields=id&") && !strings.HasSuffix(r.Query, "fields=id") {
			n++
		}
	}
	return n
}

// TestKilled runs the collector in a child process and SIGKILLs it five
// times, each time once the store shows a seeded number of further pages
// committed (events, not sleeps), then lets a run finish. Each restart
// must pick up where the last one stopped: the committed issues never go
// down, every kill leaves a resumable checkpoint, each child asks only for
// pages it has not stored, and the final run asks for what was left, not
// for everything. At the end the store equals the simulator's truth field
// by field (checkComplete).
func TestKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	const pageSize, issues, kills = 10, 600, 5
	seed := killSeed(t)
	for _, fl := range flavors {
		t.Run(string(fl), func(t *testing.T) {
			t.Parallel() // the time goes to the simulator's slow answers, not the CPU
			rng := rand.New(rand.NewPCG(seed, uint64(len(fl))))
			e := newEnv(t, "load", fl, issues)
			e.extra = func(j *config.Jira) { j.PageSize = pageSize }
			// Slow answers (100 ms each) make a run last several of the
			// writer's one-second commit groups, so that the parent sees
			// groups of pages land and kills the child right after one.
			e.sim.SetFaults(jirasim.Faults{Rate: 1, Kinds: []jirasim.FaultKind{jirasim.FaultSlow}, SlowDelay: 100 * time.Millisecond, Seed: int64(seed)})
			o := e.options()
			env := append(os.Environ(), childEnv+"=1", "CHILD_DB="+e.path, "CHILD_URL="+o.Jira.URL, "CHILD_EMAIL="+o.Jira.Email,
				"CHILD_TOKEN="+o.Jira.Token, "CHILD_PROJECTS="+strings.Join(o.Jira.Projects, ","), "CHILD_PAGE_SIZE="+strconv.Itoa(pageSize))
			committed := 0
			for i := range kills {
				target := committed + pageSize*(1+rng.IntN(4))
				e.sim.ResetRequests()
				cmd := exec.Command(os.Args[0], "-test.run=^$")
				cmd.Env = env
				must(t, cmd.Start())
				exited := make(chan error, 1)
				go func() { exited <- cmd.Wait() }()
				now := waitCommitted(t, e.st, target, exited)
				_ = cmd.Process.Kill()
				<-exited
				after, err := e.st.Status(context.Background())
				must(t, err)
				st, err := e.st.SyncState(context.Background(), "issues")
				must(t, err)
				pages := searchPages(e.sim.Requests())
				t.Logf("kill %d at %d issues committed (target %d, %d after the kill), %d search pages asked", i+1, now, target, after.Issues, pages)
				if after.Issues < committed {
					t.Errorf("kill %d: %d issues stored, fewer than the %d before: the run started over", i+1, after.Issues, committed)
				}
				if !st.InPass() || st.Cursor == "" {
					t.Errorf("kill %d: no resumable checkpoint (%+v)", i+1, st)
				}
				// The pages this child committed, plus those it fetched between
				// its last commit and the kill (the kill follows the commit by
				// the parent's polling latency: up to 4 pages of 100 ms on a
				// loaded machine). A child that started over would also ask
				// again for the committed pages before it: 6 or more.
				if newPages := (after.Issues - committed + pageSize - 1) / pageSize; i > 0 && pages > newPages+4 {
					t.Errorf("kill %d: %d search pages for %d new pages of issues: pages stored before were asked again", i+1, pages, newPages)
				}
				committed = after.Issues
				if i%2 == 1 {
					// Jira moves on between kills.
					e.sim.Advance(3 * time.Minute)
					is := e.sim.AsOfNow().Issues[i]
					must(t, e.sim.AddComment(is.Key, e.ds.People[0].ID, "between kills", e.sim.Now()))
				}
			}
			e.sim.SetFaults(jirasim.Faults{})
			e.sim.ResetRequests()
			e.run()
			e.checkComplete()
			left := (issues - committed + pageSize - 1) / pageSize
			if pages := searchPages(e.sim.Requests()); pages > left+3 {
				t.Errorf("final run asked %d search pages with %d of %d pages left: it started over", pages, left, issues/pageSize)
			} else {
				t.Logf("final run: %d search pages for the %d left of %d", pages, left, issues/pageSize)
			}
			runs, err := e.st.LastRuns(context.Background(), 10)
			must(t, err)
			statuses := map[string]int{}
			for _, r := range runs {
				statuses[r.Status]++
			}
			if statuses[store.RunRunning] != 0 || statuses[store.RunOK] != 1 || len(runs) != kills+1 {
				t.Errorf("run statuses %v over %d runs: the %d killed runs must end up interrupted, the last ok", statuses, len(runs), kills)
			}
		})
	}
}

// waitCommitted waits until the store holds at least target issues, polling
// the store file from this process; it fails if the child exits first.
func waitCommitted(t *testing.T, st *store.Store, target int, exited <-chan error) int {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		s, err := st.Status(context.Background())
		must(t, err)
		if s.Issues >= target {
			return s.Issues
		}
		select {
		case err := <-exited:
			t.Fatalf("collector exited (%v) with %d issues stored, before %d were committed", err, s.Issues, target)
		case <-time.After(time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d issues stored after 2 minutes, waiting for %d", s.Issues, target)
		}
	}
}
