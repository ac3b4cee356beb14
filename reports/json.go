package reports

import (
	"encoding/json"
	"fmt"
	"math"

	"github.com/roleload/roleload/analysis"
)

// reportJSON is SPEC §8.2 of the current week with additive keys only:
// the embedded Result's fields are promoted, so a reader of §8.2 sees the
// same document, plus week, previous_as_of and deltas.
type reportJSON struct {
	*analysis.Result
	Week         string  `json:"week"`
	PreviousAsOf *string `json:"previous_as_of"`
	Deltas       *deltas `json:"deltas"` // null without a previous week
}

// deltas are this week minus the week before, keyed like the figures;
// null where either week has no value. Shares are fractions (0.05 is five
// percentage points), hours are hours.
type deltas struct {
	Team   map[string]*float64            `json:"team"`
	People map[string]map[string]*float64 `json:"people"` // by person id
}

// RenderJSON renders report.json.
func RenderJSON(r *Report) ([]byte, error) {
	if err := r.check(); err != nil {
		return nil, err
	}
	doc := reportJSON{Result: r.Current, Week: r.Week}
	if p := r.Previous; p != nil {
		doc.PreviousAsOf = &p.AsOf
		doc.Deltas = computeDeltas(r.Current, p)
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("render json: %w", err)
	}
	return append(b, '\n'), nil
}

func computeDeltas(cur, prev *analysis.Result) *deltas {
	d := &deltas{Team: map[string]*float64{}, People: map[string]map[string]*float64{}}
	for _, list := range [][]measure{requestMeasures, backlogMeasures, coverageMeasures} {
		for _, m := range list {
			d.Team[m.key] = round3(delta(m.get(cur), m.get(prev)))
		}
	}
	for i := range cur.People {
		p := &cur.People[i]
		q := person(prev, p.ID)
		pd := map[string]*float64{}
		for _, m := range personMeasures {
			if q == nil {
				pd[m.key] = nil
				continue
			}
			pd[m.key] = round3(delta(m.get(p), m.get(q)))
		}
		d.People[p.ID] = pd
	}
	return d
}

// round3 drops float noise (0.30000000000000004) from a difference.
func round3(v *float64) *float64 {
	if v == nil {
		return nil
	}
	return f(math.Round(*v*1000) / 1000)
}
