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
// A pass from no watermark that was not resumed sees every issue of the
// scope: it returns their ids and keys so that the census need not list
// them again (nil otherwise).
func (r *runner) pass(ctx context.Context) (map[string]seenIssue, error) {
	state, err := r.st.SyncState(ctx, sourceIssues)
	if err != nil {
		return nil, err
	}
	var all map[string]seenIssue
	if !state.InPass() && state.Watermark.IsZero() {
		all = map[string]seenIssue{}
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
			return nil, fmt.Errorf("sync state cursor %q: %w", state.Cursor, err)
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
			if all != nil {
				all[d.Issue.ID] = seenIssue{key: d.Issue.Key, updated: d.Issue.Updated}
			}
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
		return nil, err
	}
	return all, nil
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
