package collector_test

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/roleload/roleload/collector"
	"github.com/roleload/roleload/config"
	"github.com/roleload/roleload/store"
)

// childEnv, when set, makes the test binary a collector process (for the
// kill test and the memory benchmark): it runs one collection with the
// settings in the environment, and with CHILD_HEAP set prints its peak
// live heap (bytes) and resident size (KB).
const childEnv = "ROLELOAD_COLLECTOR_CHILD"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) != "" {
		os.Exit(child())
	}
	os.Exit(m.Run())
}

func child() int {
	ctx := context.Background()
	st, err := store.Open(ctx, os.Getenv("CHILD_DB"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer st.Close()
	size, _ := strconv.Atoi(os.Getenv("CHILD_PAGE_SIZE"))
	j := config.Jira{URL: os.Getenv("CHILD_URL"), Email: os.Getenv("CHILD_EMAIL"), Token: os.Getenv("CHILD_TOKEN"),
		Flavor: os.Getenv("CHILD_FLAVOR"), Projects: strings.Split(os.Getenv("CHILD_PROJECTS"), ","), PageSize: size,
		Overlap: config.Duration(2 * time.Minute), Timeout: config.Duration(30 * time.Second), MaxRetries: 5}
	var stop func() uint64
	if os.Getenv("CHILD_HEAP") != "" {
		stop = sampleLiveHeap()
	}
	if _, err := collector.Run(ctx, st, collector.Options{Jira: j}); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	if stop != nil {
		fmt.Println(stop(), peakRSSKB())
	}
	return 0
}

// peakRSSKB is this process's peak resident size (VmHWM), or 0 where
// /proc does not tell. getrusage's ru_maxrss would not do: Linux carries
// it over from the parent that started the process, here the benchmark
// with its simulated Jira.
func peakRSSKB() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return n
		}
	}
	return 0
}
