// Package scenario generates the simulated Jira's data and says what
// really happened in it. Load builds a named scenario ("overloaded",
// "coping", "calm", "meetings", "org", "load", "demo"; Names) as a Dataset:
// projects, people, issues with their histories, comments and worklogs,
// boards and sprints, and the team config that fits them. Everything is
// deterministic from Options.Seed.
//
// It owns the generators: the people and their habits (Habits,
// DrawHabits), the working calendar, each day's tasks of the product
// manager, input requests and their decoys, the "load" scenario's bulk
// issues, the eight-team "org" scenario, and the product people's meeting
// calendars (the plan and its iCalendar text, CalendarICS, that package
// jirasim serves).
//
// It also owns the ground truth: Truth (the PM's real hours per category,
// the true input requests, the §6.6 figures and verdict), CalendarTruthOf
// and CombinedTruth (the truth once the calendar is read too). The truth
// is an independent oracle of the analysis: the generator records it as
// it plans the work and measures it with code of its own, and its verdict
// (verdictOf, with its own copy of the default thresholds in Oracle) reads
// neither config nor the analysis's signal table, so that a mistake there
// cannot pass unnoticed. TestOracleThresholdsAreTheDefaults holds the two
// copies of the thresholds equal.
//
// It imports nothing of roleload's but model (TestImports), and never the
// server that serves its Datasets.
package scenario
