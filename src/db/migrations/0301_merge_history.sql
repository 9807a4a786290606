-- What a merge needs beyond the foundation's columns: the choices staff made, the survivor's
-- values right after the merge (an undo gives back only fields still holding them), the result
-- of an undo, and — for merges of a bulk-merge job — the job and duplicate group, so a restarted
-- job knows which groups it already merged.
ALTER TABLE merges
  ADD COLUMN choices jsonb NOT NULL DEFAULT '{}'::jsonb,
  ADD COLUMN after_state jsonb NOT NULL DEFAULT '{}'::jsonb,
  ADD COLUMN undo_result jsonb,
  ADD COLUMN job_id uuid,
  ADD COLUMN group_id uuid;

-- "Merges of this customer": as survivor (merges_survivor) or as one of the merged profiles.
CREATE INDEX merges_merged_ids ON merges USING gin (merged_ids);
CREATE INDEX merges_job ON merges (tenant_id, job_id, group_id) WHERE job_id IS NOT NULL;
