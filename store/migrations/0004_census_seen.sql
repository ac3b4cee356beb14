-- The issues a census found in Jira, while it runs: the census compares
-- them with the store in SQL instead of holding every issue of the scope
-- in memory (which grew with the instance).
CREATE TABLE census_seen (
    id      TEXT PRIMARY KEY,
    key     TEXT NOT NULL DEFAULT '',
    updated TEXT
) WITHOUT ROWID;
