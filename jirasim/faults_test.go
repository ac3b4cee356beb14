package jirasim

import (
	"encoding/json"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/roleload/roleload/model"
)

func TestEachFaultKind(t *testing.T) {
	tests := []struct {
		kind       FaultKind
		status     int
		retryAfter string
		readFails  bool
	}{
		{FaultRateLimit, 429, "1", false},
		{FaultUnavailable, 503, "1", false},
		{FaultInternal, 500, "", false},
		{FaultTruncated, 200, "", true},
		{FaultSlow, 200, "", false},
	}
	for _, tc := range tests {
		t.Run(string(tc.kind), func(t *testing.T) {
			f := Faults{Rate: 1, Seed: 7, Kinds: []FaultKind{tc.kind}, RetryAfter: time.Second, SlowDelay: 50 * time.Millisecond}
			sim, hs := startSim(t, tinyDataset(3), Options{Flavor: model.Cloud, Faults: f})
			begin := time.Now()
			resp, err := hs.Client().Get(hs.URL + "/rest/api/2/search/jql?jql=project%3DABC&fields=*all")
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, readErr := io.ReadAll(resp.Body)
			if resp.StatusCode != tc.status || resp.Header.Get("Retry-After") != tc.retryAfter {
				t.Errorf("status %d Retry-After %q, want %d %q", resp.StatusCode, resp.Header.Get("Retry-After"), tc.status, tc.retryAfter)
			}
			if tc.readFails {
				if readErr == nil && json.Valid(body) {
					t.Errorf("truncated body read fine: %d bytes", len(body))
				}
			} else if readErr != nil || !json.Valid(body) {
				t.Errorf("body: %v, valid JSON %v", readErr, json.Valid(body))
			}
			if tc.kind == FaultSlow && time.Since(begin) < 50*time.Millisecond {
				t.Errorf("slow response took %v", time.Since(begin))
			}
			// Logged before the body is sent, so no waiting here.
			reqs := sim.Requests()
			if len(reqs) != 1 || reqs[0].Fault != string(tc.kind) || reqs[0].Status != tc.status || reqs[0].Path != "/rest/api/2/search/jql" {
				t.Errorf("request log = %+v", reqs)
			}
		})
	}
}

func TestFaultsAreDeterministic(t *testing.T) {
	run := func() []string {
		f := Faults{Rate: 0.3, Seed: 42, Kinds: []FaultKind{FaultRateLimit, FaultInternal}}
		sim, hs := startSim(t, tinyDataset(3), Options{Flavor: model.Server, Faults: f})
		for range 50 {
			resp, err := hs.Client().Get(hs.URL + "/rest/api/2/serverInfo")
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
		}
		var out []string
		for _, r := range sim.Requests() {
			out = append(out, r.Fault)
		}
		return out
	}
	a, b := run(), run()
	faults := 0
	for _, f := range a {
		if f != "" {
			faults++
		}
	}
	if !equal(a, b) || faults < 5 || faults > 30 {
		t.Errorf("fault sequences differ or rate is off (%d of 50):\n%v\n%v", faults, a, b)
	}
}

func TestSetFaultsAndReset(t *testing.T) {
	sim, hs := startSim(t, tinyDataset(3), Options{Flavor: model.Cloud})
	sim.SetFaults(Faults{Rate: 1, Kinds: []FaultKind{FaultInternal}})
	resp, err := hs.Client().Get(hs.URL + "/rest/api/2/serverInfo")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusInternalServerError {
		t.Errorf("status %d, want 500", resp.StatusCode)
	}
	sim.SetFaults(Faults{})
	sim.ResetRequests()
	resp, err = hs.Client().Get(hs.URL + "/rest/api/2/serverInfo")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || len(sim.Requests()) != 1 {
		t.Errorf("after SetFaults(zero): status %d, %d logged", resp.StatusCode, len(sim.Requests()))
	}
}
