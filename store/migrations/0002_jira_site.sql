-- The Jira site as /rest/api/2/serverInfo last described it: issue links in
-- reports point at its baseUrl when jira.url is Atlassian's API gateway
-- (scoped tokens), which serves no pages.
CREATE TABLE jira_site (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    base_url   TEXT NOT NULL,
    deployment TEXT NOT NULL DEFAULT '',
    version    TEXT NOT NULL DEFAULT '',
    seen_at    TEXT NOT NULL
);
