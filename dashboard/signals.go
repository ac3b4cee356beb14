package dashboard

import (
	"strconv"

	"github.com/roleload/roleload/analysis"
	"github.com/roleload/roleload/analysis/signal"
	"github.com/roleload/roleload/reports"
)

// signalNames are the seven signals of SPEC §6.6, in the report's order.
var signalNames = signal.Names()

// signalShort is a signal's column header on the front page.
func signalShort(name string) string {
	d, _ := signal.Lookup(name)
	return d.Short
}

// known reports whether a signal could be judged (SPEC §6.6).
func known(s analysis.Signal) bool { return s.Known }

// why is the analysis' one line on an unknown signal, "" when it gives none.
func why(s analysis.Signal) string {
	if s.Why == nil {
		return ""
	}
	return reports.OneLine(*s.Why)
}

// mark is one signal as a row shows it.
type mark struct {
	Name, Label, Short string
	State              string // tripped | ok | unknown
	Value, Threshold   string // formatted
	Title              string // the whole sentence, for a tooltip
}

func marks(r *analysis.Result) []mark {
	by := map[string]analysis.Signal{}
	for _, s := range r.Verdict.Signals {
		by[s.Name] = s
	}
	out := make([]mark, 0, len(signalNames))
	for _, name := range signalNames {
		s, ok := by[name]
		m := mark{Name: name, Label: reports.SignalLabel(name), Short: signalShort(name), State: "unknown", Value: "n/a"}
		if ok {
			m.Value, m.Threshold = reports.FormatSignal(s)
			switch {
			case !known(s):
				m.State = "unknown"
			case s.Tripped:
				m.State = "tripped"
			default:
				m.State = "ok"
			}
		}
		switch m.State {
		case "unknown":
			m.Title = m.Label + ": could not be judged"
			if w := why(s); w != "" {
				m.Title += ": " + w
			}
		case "tripped":
			m.Title = m.Label + ": " + m.Value + " (threshold " + m.Threshold + ") — tripped"
		default:
			m.Title = m.Label + ": " + m.Value + " (threshold " + m.Threshold + ") — ok"
		}
		out = append(out, m)
	}
	return out
}

func unknownCount(r *analysis.Result) int {
	n := 0
	for _, s := range r.Verdict.Signals {
		if !known(s) {
			n++
		}
	}
	return n
}

// num writes a figure as the JSON does: every digit, no unit; "" for null.
func num(v *float64) string {
	if v == nil {
		return ""
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}

func signalValue(r *analysis.Result, name string) *float64 {
	for _, s := range r.Verdict.Signals {
		if s.Name == name {
			return s.Value
		}
	}
	return nil
}

// levelText is the verdict in a badge's words.
func levelText(level string) string {
	switch level {
	case "hire_po":
		return "Hire a PO"
	case "watch":
		return "Watch"
	case "ok":
		return "OK"
	}
	return "No verdict"
}

// levelRank orders verdicts worst first.
func levelRank(level string) int {
	switch level {
	case "hire_po":
		return 0
	case "watch":
		return 1
	case "ok":
		return 2
	}
	return 3
}
