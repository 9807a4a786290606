-- Duplicates: what the whole-tenant scan learned from, and a cheaper review queue to rewrite.
--
-- A scan reuses a stored model while the file stays near the size it was learned on.
ALTER TABLE match_models ADD COLUMN trained_records integer;

-- The scan rewrites up to a hundred thousand groups of a large file; a GIN index on their members
-- made that a third slower on PGlite, and the only writers that look groups up by member (a merge,
-- an archive) touch one customer's open groups, which the (tenant_id, status, probability) index
-- already narrows to the tenant's open queue.
DROP INDEX IF EXISTS duplicate_groups_members;
