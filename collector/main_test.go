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
// kill test): it runs one collection with the settings in the environment.
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
	if _, err := collector.Run(ctx, st, collector.Options{Jira: j}); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}
