-- Intake (issue 6): the doors customers come in through — the public booking page, the agenda and
-- walk-ins, customers' online accounts, and CSV imports.

-- Services offered on the public booking page, in the order the business lists them.
CREATE TABLE booking_services (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid NOT NULL,
  name text NOT NULL,
  duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 5 AND 720),
  price_cents integer NOT NULL DEFAULT 0 CHECK (price_cents >= 0),
  position integer NOT NULL DEFAULT 0,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX booking_services_name ON booking_services (tenant_id, lower(name));

-- What staff decided on a request: which typed values they took over onto the profile, and why
-- they declined.
ALTER TABLE booking_requests
  ADD COLUMN service_id uuid,
  ADD COLUMN taken_over jsonb NOT NULL DEFAULT '{}'::jsonb,
  ADD COLUMN decline_reason text;

ALTER TABLE online_accounts
  ADD COLUMN invited_at timestamptz,
  ADD COLUMN invited_by uuid;

-- Customers' own sessions on the booking page: a cookie of their own (never the staff cookie),
-- only the hash of its secret stored, a CSRF token per session.
CREATE TABLE customer_sessions (
  tenant_id uuid NOT NULL,
  id text NOT NULL,
  account_id uuid NOT NULL,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, account_id) REFERENCES online_accounts (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX customer_sessions_account ON customer_sessions (tenant_id, account_id);

-- An uploaded customer file, its mapping, the dry-run plan's counts, and how far applying got.
CREATE TABLE imports (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid NOT NULL,
  file_name text NOT NULL,
  file_bytes integer NOT NULL,
  encoding text NOT NULL,
  delimiter text NOT NULL,
  header jsonb NOT NULL,
  row_count integer NOT NULL,
  mapping jsonb,
  status text NOT NULL DEFAULT 'uploaded'
    CHECK (status IN ('uploaded', 'planned', 'applying', 'applied', 'failed')),
  on_match text NOT NULL DEFAULT 'update-empty' CHECK (on_match IN ('update-empty', 'overwrite', 'skip')),
  on_possible text NOT NULL DEFAULT 'create' CHECK (on_possible IN ('create', 'skip')),
  summary jsonb NOT NULL DEFAULT '{}'::jsonb,
  planned_at timestamptz,
  job_id uuid,
  -- Checkpoint: every row with idx <= applied_through is applied, each chunk in one transaction.
  applied_through integer NOT NULL DEFAULT -1,
  result jsonb,
  error text,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  applied_at timestamptz,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX imports_recent ON imports (tenant_id, created_at DESC);

-- One row of an uploaded file: its cells as read, the plan's outcome, and what applying did.
-- customer ids here are a report, not a relationship: no foreign key, so deleting or erasing a
-- customer never depends on an old import.
CREATE TABLE import_rows (
  tenant_id uuid NOT NULL,
  import_id uuid NOT NULL,
  idx integer NOT NULL,
  row_number integer NOT NULL,
  cells jsonb NOT NULL,
  input jsonb,
  outcome text CHECK (outcome IN ('new', 'match', 'possible', 'file_duplicate', 'invalid')),
  errors jsonb NOT NULL DEFAULT '[]'::jsonb,
  candidates jsonb NOT NULL DEFAULT '[]'::jsonb,
  match_customer_id uuid,
  match_reason text,
  duplicate_of integer,
  decision text CHECK (decision IN ('create', 'skip', 'match')),
  decision_customer_id uuid,
  action text CHECK (action IN ('created', 'updated', 'unchanged', 'skipped', 'invalid', 'failed')),
  customer_id uuid,
  message text,
  PRIMARY KEY (tenant_id, import_id, idx),
  FOREIGN KEY (tenant_id, import_id) REFERENCES imports (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX import_rows_outcome ON import_rows (tenant_id, import_id, outcome, idx);

-- Column mappings saved for the next file of the same system.
CREATE TABLE import_mappings (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid NOT NULL,
  name text NOT NULL,
  header jsonb NOT NULL,
  mapping jsonb NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX import_mappings_name ON import_mappings (tenant_id, lower(name));
