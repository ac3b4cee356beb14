package collector

import (
	"context"
	"fmt"
	"strings"

	"github.com/roleload/roleload/collector/jira"
	"github.com/roleload/roleload/store"
)

const (
	sourceCensus = "census"
	// censusPage is asked for. Searches for keys and updated only get
	// Jira's largest pages: up to 5000 on Cloud's /search/jql, up to
	// jira.search.views.default.max (1000 by default) on Server/DC. Either
	// may return fewer, and we follow what it returns.
	censusPage = 5000
	// refetchChunk bounds the ids in one `id in (...)` query.
	refetchChunk = 50
)

// censusIfDue runs the census when CensusEvery has passed on Jira's clock
// since the last one (every run when it is zero).
func (r *runner) censusIfDue(ctx context.Context) error {
	if every := r.cfg.CensusEvery.D(); every > 0 {
		st, err := r.st.SyncState(ctx, sourceCensus)
		if err != nil {
			return err
		}
		if !st.Watermark.IsZero() && !r.serverTime.IsZero() && r.serverTime.Sub(st.Watermark) < every {
			return nil
		}
	}
	return r.census(ctx)
}

// census lists every issue of the scope (keys and updated only) and
// reconciles the store: issues Jira no longer returns are marked deleted,
// moved ones re-keyed, and any issue newer in Jira than in the store (one
// a pass missed) is fetched again. What Jira returns goes to the store a
// page at a time and is compared there, so that memory does not grow with
// the number of issues.
func (r *runner) census(ctx context.Context) error {
	if err := r.st.StartCensus(ctx); err != nil {
		return err
	}
	jql := scopeJQL(r.cfg.Projects, r.cfg.JQL) + " ORDER BY created ASC"
	err := r.search(ctx, jql, []string{"updated"}, "", censusPage, func(issues []jira.Issue, _ bool) error {
		seen := make([]store.SeenIssue, 0, len(issues))
		for _, is := range issues {
			var u jira.Time
			if raw, ok := is.Fields["updated"]; ok {
				if err := u.UnmarshalJSON(raw); err != nil {
					return fmt.Errorf("issue %s: updated: %w", is.Key, err)
				}
			}
			seen = append(seen, store.SeenIssue{ID: is.ID, Key: is.Key, Updated: u.Time})
		}
		return r.st.AddCensusSeen(ctx, seen)
	})
	if err != nil {
		return err
	}
	d, err := r.st.DiffCensus(ctx, r.cfg.Projects)
	if err != nil {
		return err
	}
	if err := r.refetch(ctx, d.Stale); err != nil {
		return err
	}
	return r.applyCensus(ctx, d)
}

// applyCensus applies d with the census checkpoint (Jira's clock at this
// run's start).
func (r *runner) applyCensus(ctx context.Context, d store.CensusDiff) error {
	wm := r.serverTime
	d.Checkpoint = &store.SyncState{Source: sourceCensus, Watermark: wm, UpdatedAt: wm}
	if err := r.st.ApplyCensus(ctx, d.Census); err != nil {
		return err
	}
	r.sum.Deleted += len(d.Deleted)
	if len(d.Deleted)+len(d.Restored)+len(d.Moved)+len(d.Stale) > 0 {
		r.log.Info("census", "seen", d.Seen, "deleted", len(d.Deleted), "restored", len(d.Restored), "moved", len(d.Moved), "refetched", len(d.Stale))
	}
	return nil
}

// refetch fetches issues by id, with all their activity, and commits them
// (without touching the pass's watermark).
func (r *runner) refetch(ctx context.Context, ids []string) error {
	for len(ids) > 0 {
		n := min(len(ids), refetchChunk)
		jql := "id in (" + strings.Join(ids[:n], ", ") + ") ORDER BY created ASC"
		ids = ids[n:]
		err := r.search(ctx, jql, r.fields, "changelog", r.cfg.PageSize, func(issues []jira.Issue, _ bool) error {
			b, err := r.complete(ctx, issues)
			if err != nil {
				return err
			}
			if err := r.st.SaveBatch(ctx, b, nil); err != nil {
				return err
			}
			r.sum.Issues += len(b.Issues)
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}
