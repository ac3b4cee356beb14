package analysis

import "github.com/roleload/roleload/model"

// Calendar is one person's calendar feed as the store holds it; it enters
// the analysis at the time model (timeModel) and as a discovery source.
type Calendar = model.Calendar

// CalendarOccurrence is one kept occurrence (SPEC §5.1), already classified.
type CalendarOccurrence = model.CalendarOccurrence
