package reports

import "github.com/roleload/roleload/analysis"

// ScreenView is the report laid out as the e-mail lays it out (same
// figures, same wording, Jira text already made one line), for a page
// with its own template: the dashboard's team page. Its fields are the
// e-mail template's.
func ScreenView(r *Report) (any, error) {
	if err := r.check(); err != nil {
		return nil, err
	}
	return newView(r, ImageFiles), nil
}

// SignalLabel is the signal in a manager's words.
func SignalLabel(name string) string { return label(name) }

// FormatSignal writes a signal's value and threshold in their units, as
// the report does ("n/a" for a value not measured).
func FormatSignal(s analysis.Signal) (value, threshold string) {
	u := signalUnit(s.Name)
	return fmtValue(s.Value, u), fmtValue(f(s.Threshold), u)
}

// Unreliable says why the result's time split is not to be taken as
// fact, "" when it can be.
func Unreliable(r *analysis.Result) string {
	if r.Reliable {
		return ""
	}
	return unreliable(r)
}

// IssueURL links a Jira key under base ("" when base is unknown).
func IssueURL(base, key string) string { return issueURL(base, key) }
