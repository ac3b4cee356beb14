package synthorg

import (
	"context"
	"fmt"

	"github.com/roleload/roleload/store"
)

// Save writes the organisation into st through SaveBatch, 1,000 issues a
// transaction, as the collector does.
func (o *Org) Save(ctx context.Context, st *store.Store) error {
	batch := store.Batch{People: o.People}
	var err error
	flush := func() bool {
		if err = st.SaveBatch(ctx, batch, nil); err != nil {
			err = fmt.Errorf("synthorg: save: %w", err)
			return false
		}
		batch = store.Batch{}
		return true
	}
	for is := range o.Issues {
		batch.Issues = append(batch.Issues, store.IssueData{Issue: is.Issue, Histories: is.Histories, Comments: is.Comments, Worklogs: is.Worklogs})
		if len(batch.Issues) == 1000 && !flush() {
			return err
		}
	}
	if len(batch.Issues) > 0 && !flush() {
		return err
	}
	if err := st.SaveSprints(ctx, o.Sprints); err != nil {
		return fmt.Errorf("synthorg: save sprints: %w", err)
	}
	return nil
}
