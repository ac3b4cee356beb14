package charts

import (
	"bytes"
	"encoding/xml"
	"flag"
	"fmt"
	"image"
	_ "image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/roleload/roleload/analysis"
)

var outDir = flag.String("out", "", "write the rendered charts into this directory to look at them")

func f(v float64) *float64 { return &v }

// weeksFixture is n ISO weeks ending with 2026-W47, with plausible figures
// for an overloaded PM.
func weeksFixture(n int) []analysis.WeekMeasures {
	end := time.Date(2026, 11, 16, 0, 0, 0, 0, time.UTC) // Monday of W47
	out := make([]analysis.WeekMeasures, n)
	for i := range out {
		start := end.AddDate(0, 0, -7*(n-1-i))
		y, w := start.ISOWeek()
		k := float64(i)
		out[i] = analysis.WeekMeasures{
			Week: fmt.Sprintf("%d-W%02d", y, w), Start: start.Format(time.DateOnly),
			Hours:               analysis.Hours{StoryWriting: 9 + k*0.6, Discovery: 4 - k*0.25, Other: 1.5},
			DiscoveryShare:      f((4 - k*0.25) / (13 + k*0.35)),
			AfterHoursShare:     f(0.08 + k*0.015),
			Requests:            6 + i,
			DaysWithRequests:    min(5, 2+i/2),
			WorkingDays:         5,
			ResponseHoursP50:    f(3 + k*0.6),
			ResponseHoursP90:    f(9 + k*1.3),
			ReadyBacklogSprints: f(1.8 - k*0.1),
		}
	}
	return out
}

func cases() map[string][]analysis.WeekMeasures {
	zero := weeksFixture(4)
	for i := range zero {
		zero[i] = analysis.WeekMeasures{Week: zero[i].Week, Start: zero[i].Start, WorkingDays: 5,
			DiscoveryShare: f(0), AfterHoursShare: f(0), ResponseHoursP50: f(0), ResponseHoursP90: f(0), ReadyBacklogSprints: f(0)}
	}
	gap := weeksFixture(6)
	gap = append(gap[:2], gap[3:]...) // W44 absent altogether
	gap[3].DiscoveryShare, gap[3].ResponseHoursP50, gap[3].ResponseHoursP90 = nil, nil, nil
	gap[3].AfterHoursShare, gap[3].ReadyBacklogSprints, gap[3].WorkingDays = nil, nil, 0
	return map[string][]analysis.WeekMeasures{
		"normal":   weeksFixture(12),
		"one-week": weeksFixture(1),
		"all-zero": zero,
		"missing":  gap,
		"empty":    nil,
	}
}

func TestRenderEveryMetric(t *testing.T) {
	for name, weeks := range cases() {
		for _, metric := range Metrics() {
			t.Run(name+"/"+metric, func(t *testing.T) {
				t.Parallel()
				png, err := Render(metric, weeks, nil, PNG)
				if err != nil {
					t.Fatalf("png: %v", err)
				}
				img, _, err := image.Decode(bytes.NewReader(png))
				if err != nil {
					t.Fatalf("decode png: %v", err)
				}
				if b := img.Bounds(); b.Dx() != Width || b.Dy() != Height {
					t.Errorf("png is %v, want %dx%d", b, Width, Height)
				}
				svg, err := Render(metric, weeks, nil, SVG)
				if err != nil {
					t.Fatalf("svg: %v", err)
				}
				checkXML(t, svg)
				write(t, name+"-"+metric, png, svg)
			})
		}
	}
}

func checkXML(t *testing.T, doc []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(doc))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("svg is not XML: %v", err)
		}
	}
}

func write(t *testing.T, base string, png, svg []byte) {
	if *outDir == "" {
		return
	}
	for ext, b := range map[string][]byte{"png": png, "svg": svg} {
		if err := os.WriteFile(filepath.Join(*outDir, base+"."+ext), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestRenderUnknownMetric(t *testing.T) {
	if _, err := Render("nope", weeksFixture(2), nil, PNG); err == nil {
		t.Fatal("want an error for an unknown metric")
	}
}

// TestConcurrentRenders guards the font cache: run with -race.
func TestConcurrentRenders(t *testing.T) {
	weeks := weeksFixture(12)
	var wg sync.WaitGroup
	errs := make(chan error, 24)
	for i := range 24 {
		wg.Go(func() {
			_, err := Render(Metrics()[i%len(Metrics())], weeks, nil, Format(i%2))
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}

func TestNiceScale(t *testing.T) {
	tests := []struct {
		max      float64
		percent  bool
		top, stp float64
	}{
		{0, false, 4, 1},
		{0, true, 1, 0.25},
		{17.3, false, 20, 5},
		{0.8, true, 1, 0.25},
		{1, true, 1, 0.25},
		{1.8, false, 2, 1},
	}
	for _, tt := range tests {
		top, step := niceScale(tt.max, tt.percent)
		if top != tt.top || step != tt.stp {
			t.Errorf("niceScale(%v) = %v, %v; want %v, %v", tt.max, top, step, tt.top, tt.stp)
		}
	}
}

func TestUnreliableSplitIsMarked(t *testing.T) {
	r := &analysis.Result{Reliable: false}
	b, err := Render("time-split", weeksFixture(4), r, SVG)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte("NOT RELIABLE")) {
		t.Error("time-split of an unreliable result does not say so")
	}
}

// TestTimeSplitShowsCalendarPart: with calendar time the time-split chart
// stacks each category's calendar part apart; without it, as before.
func TestTimeSplitShowsCalendarPart(t *testing.T) {
	withCal := weeksFixture(4)
	withCal[3].Hours.Discovery += 6
	withCal[3].CalendarHours.Discovery = 6
	tests := []struct {
		name  string
		weeks []analysis.WeekMeasures
		want  bool
	}{
		{"Jira only", weeksFixture(4), false},
		{"with calendar time", withCal, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := timeSplit(fillGaps(tc.weeks), &analysis.Result{Reliable: true})
			var names []string
			for _, x := range s.series {
				names = append(names, x.name)
			}
			got := strings.Contains(strings.Join(names, ","), "discovery, calendar")
			if got != tc.want {
				t.Fatalf("series %v: calendar part shown %v, want %v", names, got, tc.want)
			}
			if !tc.want {
				return
			}
			for _, x := range s.series {
				if x.name == "discovery, calendar" && (x.values[3] == nil || *x.values[3] != 6) {
					t.Errorf("calendar discovery of the last week %v, want 6", x.values[3])
				}
				if x.name == "discovery, Jira" && (x.values[3] == nil || *x.values[3] != withCal[3].Hours.Discovery-6) {
					t.Errorf("Jira discovery of the last week %v, want %v", x.values[3], withCal[3].Hours.Discovery-6)
				}
			}
			b, err := Render("time-split", tc.weeks, &analysis.Result{Reliable: true}, SVG)
			if err != nil || !bytes.Contains(b, []byte("discovery, calendar")) {
				t.Errorf("rendered SVG lacks the calendar series (err %v)", err)
			}
		})
	}
}
