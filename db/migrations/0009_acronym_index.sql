-- Issue 9. Organisations are found by acronym ignoring case (inviting a partner, linking a
-- speaker's organisation): read from an index instead of scanning every organisation.
CREATE INDEX organisations_acronym_lower_idx ON organisations (lower(acronym));
