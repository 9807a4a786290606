-- Duplicates (issue 3, "in the database"): what the match index, the lookups and the whole-tenant
-- scan need beyond the foundation's tables.
--
-- Features are stored as one line of packed text (src/modules/duplicates/features.ts) instead of
-- jsonb: a scan reads a million of them through COPY, and jsonb output costs PGlite more per row
-- than the bytes themselves.
ALTER TABLE customer_match_features ALTER COLUMN features TYPE text USING features::text;

-- The tenant's model: trained by the scan when the file is large enough, else the shipped default
-- with the prior of the file's size; `records` is that size (a lookup scores with it).
ALTER TABLE match_models ADD COLUMN records integer NOT NULL DEFAULT 0;
ALTER TABLE match_models ADD COLUMN trained boolean NOT NULL DEFAULT false;

-- How many live customers carry a common normalised first or last name, as of the last scan or
-- full reindex: a lookup weighs "same last name: Peeters" by it, as the scan does. Names rarer than
-- the level where the weight stops growing are left out (a missing name counts as rare).
CREATE TABLE match_terms (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  field text NOT NULL CHECK (field IN ('firstName', 'lastName')),
  value text NOT NULL,
  count integer NOT NULL,
  PRIMARY KEY (tenant_id, field, value)
);

-- A customer's dismissals by either side of the pair (the primary key serves customer_a).
CREATE INDEX duplicate_dismissals_b ON duplicate_dismissals (tenant_id, customer_b);

-- Who closed a group of the review queue, and the groups a customer belongs to.
ALTER TABLE duplicate_groups ADD COLUMN decided_by uuid;
ALTER TABLE duplicate_groups ADD COLUMN decided_at timestamptz;
CREATE INDEX duplicate_groups_members ON duplicate_groups USING gin (member_ids);
