package collector_test

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/roleload/roleload/collector"
	"github.com/roleload/roleload/config"
	"github.com/roleload/roleload/jirasim"
	"github.com/roleload/roleload/model"
	"github.com/roleload/roleload/store"
)

// childEnv, when set, makes the test binary a collector process (for the
// kill test): it runs one collection with the settings in the environment.
const childEnv = "ROLELOAD_COLLECTOR_CHILD"

// simChildEnv, when set, makes the test binary serve a simulated Jira
// (for memory measurements free of the simulator's own heap): it prints
// its URL and serves until its stdin closes.
const simChildEnv = "ROLELOAD_SIM_CHILD"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) != "" {
		os.Exit(child())
	}
	if os.Getenv(simChildEnv) != "" {
		os.Exit(simChild())
	}
	os.Exit(m.Run())
}

func simChild() int {
	fl := model.Flavor(os.Getenv("SIM_FLAVOR"))
	n, _ := strconv.Atoi(os.Getenv("SIM_ISSUES"))
	ds, err := jirasim.Scenario("load", jirasim.ScenarioOptions{Seed: 1, Flavor: fl, Issues: n})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	o := jirasim.Options{Flavor: fl, Email: testEmail, Token: testToken}
	if fl == model.Server {
		o.Email = ""
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	go http.Serve(ln, jirasim.New(ds, o))
	fmt.Println("http://" + ln.Addr().String())
	_, _ = io.Copy(io.Discard, os.Stdin)
	return 0
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
