package dashboard

import (
	"reflect"
	"strconv"

	"github.com/roleload/roleload/analysis"
	"github.com/roleload/roleload/reports"
)

// signalNames are the seven signals of SPEC §6.6, in the report's order.
var signalNames = []string{"daily_inputs", "slow_answers", "unanswered", "po_work_heavy", "discovery_squeezed", "after_hours", "thin_backlog"}

// signalShort are column headers for the front page's table.
var signalShort = map[string]string{
	"daily_inputs":       "Daily inputs",
	"slow_answers":       "Slow answers",
	"unanswered":         "Unanswered",
	"po_work_heavy":      "PO work",
	"discovery_squeezed": "Discovery",
	"after_hours":        "After hours",
	"thin_backlog":       "Ready backlog",
}

// known reports whether a signal could be judged (SPEC §6.6). The
// analysis says so in a Known field when it has one; without it, a signal
// without a value could not be.
func known(s analysis.Signal) bool {
	if f := reflect.ValueOf(s).FieldByName("Known"); f.IsValid() && f.Kind() == reflect.Bool {
		return f.Bool()
	}
	return s.Value != nil
}

// why is the analysis' one line on an unknown signal, "" when it gives none.
func why(s analysis.Signal) string {
	f := reflect.ValueOf(s).FieldByName("Why")
	if !f.IsValid() {
		return ""
	}
	if f.Kind() == reflect.Pointer {
		if f.IsNil() {
			return ""
		}
		f = f.Elem()
	}
	if f.Kind() == reflect.String {
		return reports.OneLine(f.String())
	}
	return ""
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
		m := mark{Name: name, Label: reports.SignalLabel(name), Short: signalShort[name], State: "unknown", Value: "n/a"}
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
