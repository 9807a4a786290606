-- Foundation schema. Every tenant-owned table leads its primary key with tenant_id and every
-- foreign key to a tenant-owned row includes tenant_id, so a row can never point at another
-- tenant's row and the schema can be distributed by tenant_id (Citus) without redesign.

CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;

CREATE TABLE tenants (
  id uuid PRIMARY KEY,
  slug text NOT NULL UNIQUE,
  name text NOT NULL,
  country text NOT NULL DEFAULT 'BE',
  language text NOT NULL DEFAULT 'nl',
  settings jsonb NOT NULL DEFAULT '{}'::jsonb,
  next_customer_number integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE staff_users (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid NOT NULL,
  email text NOT NULL,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('owner', 'staff')),
  password_hash text NOT NULL,
  language text,
  created_at timestamptz NOT NULL DEFAULT now(),
  disabled_at timestamptz,
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX staff_users_email ON staff_users (tenant_id, lower(email));
CREATE INDEX staff_users_login ON staff_users (lower(email));

CREATE TABLE sessions (
  tenant_id uuid NOT NULL,
  id text NOT NULL, -- sha256 of the cookie secret; the secret itself is never stored
  staff_id uuid NOT NULL,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, staff_id) REFERENCES staff_users (tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE api_tokens (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  staff_id uuid NOT NULL,
  name text NOT NULL,
  token_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, staff_id) REFERENCES staff_users (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX api_tokens_hash ON api_tokens (tenant_id, token_hash);

-- Rate-limit events (failed logins, public booking requests), shared by every app instance: the
-- app keeps no state of its own between requests. Not tenant data; old rows are pruned.
CREATE TABLE rate_limit_events (
  key text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rate_limit_events_key ON rate_limit_events (key, at);

CREATE TABLE customers (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  id uuid NOT NULL,
  number integer NOT NULL,
  gender text CHECK (gender IN ('female', 'male', 'diverse', 'child')),
  first_name text,
  last_name text,
  display_name text,
  email text,
  mobile text,
  mobile_e164 text,
  landline text,
  landline_e164 text,
  phone2 text,
  phone2_e164 text,
  birth_date date,
  street text,
  house_number text,
  postal_code text,
  city text,
  country text,
  language text,
  vat_number text,
  status_label text,
  newsletter_consent boolean,
  newsletter_consent_at timestamptz,
  newsletter_consent_source text,
  notes text,
  source text NOT NULL DEFAULT 'staff' CHECK (source IN ('staff', 'online', 'agenda', 'walk_in', 'import')),
  customer_since timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  -- Changes whenever a field the matcher reads changes; a "not a duplicate" dismissal holds
  -- only while both sides keep the identity_hash they had when it was dismissed.
  identity_hash text NOT NULL DEFAULT '',
  archived_at timestamptz,
  merged_into uuid,
  merged_at timestamptz,
  deleted_at timestamptz,
  erased_at timestamptz,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, merged_into) REFERENCES customers (tenant_id, id)
);
CREATE UNIQUE INDEX customers_number ON customers (tenant_id, number);
CREATE INDEX customers_merged_into ON customers (tenant_id, merged_into) WHERE merged_into IS NOT NULL;

CREATE TABLE customer_contact_points (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  customer_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('email', 'phone')),
  value text NOT NULL,
  normalized text,
  label text,
  origin text NOT NULL DEFAULT 'staff' CHECK (origin IN ('staff', 'merge', 'import', 'online')),
  merge_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id)
);
CREATE INDEX contact_points_customer ON customer_contact_points (tenant_id, customer_id);
CREATE INDEX contact_points_normalized ON customer_contact_points (tenant_id, normalized);

CREATE TABLE customer_notes (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  customer_id uuid NOT NULL,
  position integer NOT NULL,
  body text NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id)
);
CREATE INDEX customer_notes_customer ON customer_notes (tenant_id, customer_id, position);

CREATE TABLE appointments (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  customer_id uuid NOT NULL,
  start_at timestamptz NOT NULL,
  end_at timestamptz NOT NULL,
  service text NOT NULL,
  staff_member text,
  status text NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'completed', 'cancelled', 'no_show')),
  price_cents integer NOT NULL DEFAULT 0,
  booking_request_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id),
  CHECK (end_at > start_at)
);
CREATE INDEX appointments_customer ON appointments (tenant_id, customer_id, start_at);
CREATE INDEX appointments_day ON appointments (tenant_id, start_at);

CREATE TABLE booking_requests (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  customer_id uuid,
  service text NOT NULL,
  wished_start timestamptz NOT NULL,
  first_name text,
  last_name text,
  email text,
  phone text,
  note text,
  language text,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'confirmed', 'declined')),
  link text NOT NULL DEFAULT 'new' CHECK (link IN ('certain', 'new', 'account', 'staff')),
  candidates jsonb NOT NULL DEFAULT '[]'::jsonb,
  appointment_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  decided_at timestamptz,
  decided_by uuid,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id)
);
CREATE INDEX booking_requests_customer ON booking_requests (tenant_id, customer_id);
CREATE INDEX booking_requests_open ON booking_requests (tenant_id, status, created_at);

CREATE TABLE invoices (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  customer_id uuid NOT NULL,
  number text NOT NULL,
  issued_on date NOT NULL,
  total_cents integer NOT NULL,
  paid boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id)
);
CREATE UNIQUE INDEX invoices_number ON invoices (tenant_id, number);
CREATE INDEX invoices_customer ON invoices (tenant_id, customer_id);

CREATE TABLE subscriptions (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  customer_id uuid NOT NULL,
  name text NOT NULL,
  kind text NOT NULL DEFAULT 'package' CHECK (kind IN ('package', 'membership')),
  total_sessions integer,
  remaining_sessions integer,
  valid_from date,
  valid_until date,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id)
);
CREATE INDEX subscriptions_customer ON subscriptions (tenant_id, customer_id);

CREATE TABLE loyalty_ledger (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  customer_id uuid NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  points integer NOT NULL,
  reason text NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id)
);
CREATE INDEX loyalty_customer ON loyalty_ledger (tenant_id, customer_id);

CREATE TABLE messages (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  customer_id uuid NOT NULL,
  channel text NOT NULL DEFAULT 'email',
  to_address text NOT NULL,
  subject text NOT NULL,
  body text NOT NULL,
  status text NOT NULL CHECK (status IN ('outbox', 'sent', 'failed')),
  error text,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id)
);
CREATE INDEX messages_customer ON messages (tenant_id, customer_id, created_at);

CREATE TABLE online_accounts (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  customer_id uuid NOT NULL,
  login_email text NOT NULL,
  password_hash text,
  state text NOT NULL CHECK (state IN ('invited', 'active', 'disabled')),
  invite_token_hash text,
  invite_expires_at timestamptz,
  reset_token_hash text,
  reset_expires_at timestamptz,
  disabled_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  activated_at timestamptz,
  disabled_at timestamptz,
  last_login_at timestamptz,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id)
);
CREATE INDEX online_accounts_customer ON online_accounts (tenant_id, customer_id);
CREATE UNIQUE INDEX online_accounts_login ON online_accounts (tenant_id, lower(login_email)) WHERE state <> 'disabled';

-- Matching: blocking keys and prepared features are maintained on every write of a customer,
-- so finding the candidates of one customer is a few index reads.
CREATE TABLE customer_match_keys (
  tenant_id uuid NOT NULL,
  key text NOT NULL,
  customer_id uuid NOT NULL,
  PRIMARY KEY (tenant_id, key, customer_id),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX customer_match_keys_customer ON customer_match_keys (tenant_id, customer_id);

CREATE TABLE customer_match_features (
  tenant_id uuid NOT NULL,
  customer_id uuid NOT NULL,
  features jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, customer_id),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id) ON DELETE CASCADE
);

CREATE TABLE match_models (
  tenant_id uuid NOT NULL REFERENCES tenants(id),
  params jsonb NOT NULL,
  trained_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id)
);

CREATE TABLE duplicate_dismissals (
  tenant_id uuid NOT NULL,
  customer_a uuid NOT NULL, -- the smaller id of the pair
  customer_b uuid NOT NULL,
  identity_hash_a text NOT NULL,
  identity_hash_b text NOT NULL,
  dismissed_by uuid,
  dismissed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, customer_a, customer_b),
  FOREIGN KEY (tenant_id, customer_a) REFERENCES customers (tenant_id, id),
  FOREIGN KEY (tenant_id, customer_b) REFERENCES customers (tenant_id, id),
  CHECK (customer_a < customer_b)
);

CREATE TABLE duplicate_groups (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  scan_job_id uuid,
  probability double precision NOT NULL,
  member_ids uuid[] NOT NULL,
  pairs jsonb NOT NULL DEFAULT '[]'::jsonb,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'merged', 'dismissed', 'stale')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX duplicate_groups_queue ON duplicate_groups (tenant_id, status, probability DESC);

-- A merge keeps what is needed to undo it: the full before-snapshot of every profile and the
-- ids of every history row it moved, per table and per origin profile.
CREATE TABLE merges (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  survivor_id uuid NOT NULL,
  merged_ids uuid[] NOT NULL,
  plan jsonb NOT NULL,
  before_snapshot jsonb NOT NULL,
  moved jsonb NOT NULL,
  performed_by uuid,
  performed_at timestamptz NOT NULL DEFAULT now(),
  undone_at timestamptz,
  undone_by uuid,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, survivor_id) REFERENCES customers (tenant_id, id)
);
CREATE INDEX merges_survivor ON merges (tenant_id, survivor_id);
CREATE INDEX merges_recent ON merges (tenant_id, performed_at DESC);

CREATE TABLE audit_log (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  actor_staff_id uuid,
  actor text NOT NULL,
  action text NOT NULL,
  entity_type text NOT NULL,
  entity_id uuid,
  customer_ids uuid[] NOT NULL DEFAULT '{}',
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX audit_log_recent ON audit_log (tenant_id, at DESC);
CREATE INDEX audit_log_customers ON audit_log USING gin (customer_ids);

-- Background jobs, claimed by exactly one app instance with FOR UPDATE SKIP LOCKED.
CREATE TABLE jobs (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  kind text NOT NULL,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed', 'cancelled')),
  payload jsonb NOT NULL DEFAULT '{}'::jsonb,
  progress_done integer NOT NULL DEFAULT 0,
  progress_total integer NOT NULL DEFAULT 0,
  result jsonb,
  error text,
  attempts integer NOT NULL DEFAULT 0,
  locked_by text,
  locked_until timestamptz,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX jobs_claim ON jobs (status, created_at) WHERE status IN ('queued', 'running');
