package collector

import (
	"context"
	"fmt"
	"time"

	"github.com/roleload/roleload/collector/jira"
	"github.com/roleload/roleload/store"
)

// sourceIssues is the sync_state row of the incremental pass.
const sourceIssues = "issues"

// pass fetches the issues updated since the watermark (minus the overlap)
// and commits them in groups of pages (see writer.go), each group with a
// checkpoint (the created time of the last issue in it) so that a killed
// run resumes there. The pass ends by moving the watermark to Jira's
// clock at the pass's start: everything updated before it is committed.
//
// full reports a pass from no watermark, not resumed: it saw every issue
// of the scope, and a census follows at once, due or not; fresh, one
// into a store that held no issue of the scope: it stored every issue
// there is, and a census now would find nothing to change.
func (r *runner) pass(ctx context.Context) (full, fresh bool, err error) {
	state, err := r.st.SyncState(ctx, sourceIssues)
	if err != nil {
		return false, false, err
	}
	if full = !state.InPass() && state.Watermark.IsZero(); full {
		held, err := r.st.HasIssues(ctx, r.cfg.Projects)
		if err != nil {
			return false, false, err
		}
		fresh = !held
	}
	if !state.InPass() {
		state.PassFrom, state.PassStart, state.Cursor = state.Watermark, r.serverTime, ""
	} else {
		r.log.Info("resuming interrupted pass", "from", state.PassFrom, "cursor", state.Cursor)
	}
	var from, cursor time.Time
	if !state.PassFrom.IsZero() {
		from = state.PassFrom.Add(-r.cfg.Overlap.D())
	}
	if state.Cursor != "" {
		if cursor, err = time.Parse(time.RFC3339Nano, state.Cursor); err != nil {
			return false, false, fmt.Errorf("sync state cursor %q: %w", state.Cursor, err)
		}
	}
	jql := passJQL(scopeJQL(r.cfg.Projects, r.cfg.JQL), from, cursor, r.loc)
	r.log.Debug("incremental pass", "jql", jql)
	var maxUpdated time.Time
	w := startWriter(ctx, r.st)
	err = r.search(ctx, jql, r.fields, "changelog", r.cfg.PageSize, func(issues []jira.Issue, last bool) error {
		b, err := r.complete(ctx, issues)
		if err != nil {
			return err
		}
		cp := state
		cp.UpdatedAt = r.serverTime
		for _, d := range b.Issues {
			if d.Issue.Created.After(cursor) {
				cursor = d.Issue.Created
			}
			if d.Issue.Updated.After(maxUpdated) {
				maxUpdated = d.Issue.Updated
			}
		}
		if !cursor.IsZero() {
			cp.Cursor = cursor.UTC().Format(time.RFC3339Nano)
		}
		if last {
			cp = finished(state, maxUpdated)
		}
		r.done += len(b.Issues)
		r.showProgress()
		return w.save(b, &cp)
	})
	saved, wm, werr := w.close()
	r.sum.Issues += saved
	if !wm.IsZero() {
		r.sum.Watermark = wm
	}
	if err == nil {
		err = werr
	}
	if err != nil {
		return false, false, err
	}
	return full, fresh, nil
}

// finished is the state after a complete pass: the watermark is Jira's
// clock when the pass began (or, without one, the newest update seen).
func finished(state store.SyncState, maxUpdated time.Time) store.SyncState {
	wm := state.PassStart
	if wm.IsZero() {
		wm = maxUpdated
	}
	if wm.Before(state.Watermark) {
		wm = state.Watermark
	}
	return store.SyncState{Source: state.Source, Watermark: wm, UpdatedAt: wm}
}
