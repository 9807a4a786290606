/**
 * The data model, declared once for Drizzle; types are inferred from it. It mirrors the SQL in
 * src/db/migrations (the migrations are the source of truth for indexes and checks;
 * `schema.test.ts` fails when a column here and in the database disagree).
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  doublePrecision,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const created = () => ts('created_at').notNull().defaultNow();

export const tenants = pgTable('tenants', {
  id: uuid('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  country: text('country').notNull().default('BE'),
  language: text('language').notNull().default('nl'),
  settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
  nextCustomerNumber: integer('next_customer_number').notNull().default(1),
  createdAt: created(),
});

export const staffUsers = pgTable(
  'staff_users',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role').$type<'owner' | 'staff'>().notNull(),
    passwordHash: text('password_hash').notNull(),
    language: text('language'),
    createdAt: created(),
    disabledAt: ts('disabled_at'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const sessions = pgTable(
  'sessions',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: text('id').notNull(),
    staffId: uuid('staff_id').notNull(),
    csrfToken: text('csrf_token').notNull(),
    createdAt: created(),
    lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const apiTokens = pgTable(
  'api_tokens',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    staffId: uuid('staff_id').notNull(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: created(),
    lastUsedAt: ts('last_used_at'),
    revokedAt: ts('revoked_at'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const rateLimitEvents = pgTable('rate_limit_events', {
  key: text('key').notNull(),
  at: ts('at').notNull().defaultNow(),
});

export const customerSources = ['staff', 'online', 'agenda', 'walk_in', 'import'] as const;
export type CustomerSource = (typeof customerSources)[number];
export const genders = ['female', 'male', 'diverse', 'child'] as const;
export type Gender = (typeof genders)[number];

export const customers = pgTable(
  'customers',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    number: integer('number').notNull(),
    gender: text('gender').$type<Gender>(),
    firstName: text('first_name'),
    lastName: text('last_name'),
    displayName: text('display_name'),
    email: text('email'),
    mobile: text('mobile'),
    mobileE164: text('mobile_e164'),
    landline: text('landline'),
    landlineE164: text('landline_e164'),
    phone2: text('phone2'),
    phone2E164: text('phone2_e164'),
    birthDate: date('birth_date', { mode: 'string' }),
    street: text('street'),
    houseNumber: text('house_number'),
    postalCode: text('postal_code'),
    city: text('city'),
    country: text('country'),
    language: text('language'),
    vatNumber: text('vat_number'),
    statusLabel: text('status_label'),
    newsletterConsent: boolean('newsletter_consent'),
    newsletterConsentAt: ts('newsletter_consent_at'),
    newsletterConsentSource: text('newsletter_consent_source'),
    notes: text('notes'),
    source: text('source').$type<CustomerSource>().notNull().default('staff'),
    customerSince: ts('customer_since').notNull().defaultNow(),
    createdAt: created(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    version: integer('version').notNull().default(1),
    identityHash: text('identity_hash').notNull().default(''),
    archivedAt: ts('archived_at'),
    mergedInto: uuid('merged_into'),
    mergedAt: ts('merged_at'),
    deletedAt: ts('deleted_at'),
    erasedAt: ts('erased_at'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/** A customer's own tables that belong to its history: all of them move on a merge. */
const owned = {
  tenantId: uuid('tenant_id').notNull(),
  id: uuid('id').notNull(),
  customerId: uuid('customer_id').notNull(),
};

export const customerContactPoints = pgTable(
  'customer_contact_points',
  {
    ...owned,
    kind: text('kind').$type<'email' | 'phone'>().notNull(),
    value: text('value').notNull(),
    normalized: text('normalized'),
    label: text('label'),
    origin: text('origin').$type<'staff' | 'merge' | 'import' | 'online'>().notNull().default('staff'),
    mergeId: uuid('merge_id'),
    createdAt: created(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const customerNotes = pgTable(
  'customer_notes',
  {
    ...owned,
    position: integer('position').notNull(),
    body: text('body').notNull(),
    createdBy: uuid('created_by'),
    createdAt: created(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const appointmentStatuses = ['booked', 'completed', 'cancelled', 'no_show'] as const;
export const appointments = pgTable(
  'appointments',
  {
    ...owned,
    startAt: ts('start_at').notNull(),
    endAt: ts('end_at').notNull(),
    service: text('service').notNull(),
    staffMember: text('staff_member'),
    status: text('status').$type<(typeof appointmentStatuses)[number]>().notNull().default('booked'),
    priceCents: integer('price_cents').notNull().default(0),
    bookingRequestId: uuid('booking_request_id'),
    createdAt: created(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const bookingRequests = pgTable(
  'booking_requests',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    customerId: uuid('customer_id'),
    service: text('service').notNull(),
    wishedStart: ts('wished_start').notNull(),
    firstName: text('first_name'),
    lastName: text('last_name'),
    email: text('email'),
    phone: text('phone'),
    note: text('note'),
    language: text('language'),
    status: text('status').$type<'open' | 'confirmed' | 'declined'>().notNull().default('open'),
    link: text('link').$type<'certain' | 'new' | 'account' | 'staff'>().notNull().default('new'),
    candidates: jsonb('candidates').$type<unknown[]>().notNull().default([]),
    appointmentId: uuid('appointment_id'),
    createdAt: created(),
    decidedAt: ts('decided_at'),
    decidedBy: uuid('decided_by'),
    // 0401_intake.sql
    serviceId: uuid('service_id'),
    takenOver: jsonb('taken_over').$type<Record<string, unknown>>().notNull().default({}),
    declineReason: text('decline_reason'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const invoices = pgTable(
  'invoices',
  {
    ...owned,
    number: text('number').notNull(),
    issuedOn: date('issued_on', { mode: 'string' }).notNull(),
    totalCents: integer('total_cents').notNull(),
    paid: boolean('paid').notNull().default(false),
    createdAt: created(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const subscriptions = pgTable(
  'subscriptions',
  {
    ...owned,
    name: text('name').notNull(),
    kind: text('kind').$type<'package' | 'membership'>().notNull().default('package'),
    totalSessions: integer('total_sessions'),
    remainingSessions: integer('remaining_sessions'),
    validFrom: date('valid_from', { mode: 'string' }),
    validUntil: date('valid_until', { mode: 'string' }),
    createdAt: created(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const loyaltyLedger = pgTable(
  'loyalty_ledger',
  {
    ...owned,
    at: ts('at').notNull().defaultNow(),
    points: integer('points').notNull(),
    reason: text('reason').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const messages = pgTable(
  'messages',
  {
    ...owned,
    channel: text('channel').notNull().default('email'),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    status: text('status').$type<'outbox' | 'sent' | 'failed'>().notNull(),
    error: text('error'),
    createdBy: uuid('created_by'),
    createdAt: created(),
    sentAt: ts('sent_at'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const onlineAccounts = pgTable(
  'online_accounts',
  {
    ...owned,
    loginEmail: text('login_email').notNull(),
    passwordHash: text('password_hash'),
    state: text('state').$type<'invited' | 'active' | 'disabled'>().notNull(),
    inviteTokenHash: text('invite_token_hash'),
    inviteExpiresAt: ts('invite_expires_at'),
    resetTokenHash: text('reset_token_hash'),
    resetExpiresAt: ts('reset_expires_at'),
    disabledReason: text('disabled_reason'),
    createdAt: created(),
    activatedAt: ts('activated_at'),
    disabledAt: ts('disabled_at'),
    lastLoginAt: ts('last_login_at'),
    // 0401_intake.sql
    invitedAt: ts('invited_at'),
    invitedBy: uuid('invited_by'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const customerMatchKeys = pgTable(
  'customer_match_keys',
  {
    tenantId: uuid('tenant_id').notNull(),
    key: text('key').notNull(),
    customerId: uuid('customer_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.key, t.customerId] })],
);

export const customerMatchFeatures = pgTable(
  'customer_match_features',
  {
    tenantId: uuid('tenant_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    /** Packed text, see src/modules/duplicates/features.ts (migration 0101). */
    features: text('features').notNull(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.customerId] })],
);

/**
 * Customer search (migrations 0201, 0202): the strings a search can start with, per live customer.
 * Derived data kept by triggers.
 */
export const customerSearchTerms = pgTable(
  'customer_search_terms',
  {
    tenantId: uuid('tenant_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    term: text('term').notNull(),
    archived: boolean('archived').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.customerId, t.term] })],
);

/** Customer search (migration 0203): the tenant's distinct name words, for the typo keys. */
export const customerSearchWords = pgTable(
  'customer_search_words',
  {
    tenantId: uuid('tenant_id').notNull(),
    word: text('word').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.word] })],
);

/**
 * Customer search (migration 0203): every beginning of a name word under itself and under itself
 * with one letter left out, so a typed word finds its one-typo corrections in a few probes.
 */
export const customerSearchTypoKeys = pgTable(
  'customer_search_typo_keys',
  {
    tenantId: uuid('tenant_id').notNull(),
    key: text('key').notNull(),
    prefix: text('prefix').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.key, t.prefix] })],
);

export const matchModels = pgTable('match_models', {
  tenantId: uuid('tenant_id').primaryKey(),
  params: jsonb('params').notNull(),
  trainedAt: ts('trained_at').notNull().defaultNow(),
  records: integer('records').notNull().default(0),
  trained: boolean('trained').notNull().default(false),
  trainedRecords: integer('trained_records'),
});

export const matchTerms = pgTable(
  'match_terms',
  {
    tenantId: uuid('tenant_id').notNull(),
    field: text('field').$type<'firstName' | 'lastName'>().notNull(),
    value: text('value').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.field, t.value] })],
);

export const duplicateDismissals = pgTable(
  'duplicate_dismissals',
  {
    tenantId: uuid('tenant_id').notNull(),
    customerA: uuid('customer_a').notNull(),
    customerB: uuid('customer_b').notNull(),
    identityHashA: text('identity_hash_a').notNull(),
    identityHashB: text('identity_hash_b').notNull(),
    dismissedBy: uuid('dismissed_by'),
    dismissedAt: ts('dismissed_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.customerA, t.customerB] })],
);

export const duplicateGroups = pgTable(
  'duplicate_groups',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    scanJobId: uuid('scan_job_id'),
    probability: doublePrecision('probability').notNull(),
    memberIds: uuid('member_ids').array().notNull(),
    pairs: jsonb('pairs').$type<unknown[]>().notNull().default([]),
    status: text('status').$type<'open' | 'merged' | 'dismissed' | 'stale'>().notNull().default('open'),
    createdAt: created(),
    decidedBy: uuid('decided_by'),
    decidedAt: ts('decided_at'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const merges = pgTable(
  'merges',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    survivorId: uuid('survivor_id').notNull(),
    mergedIds: uuid('merged_ids').array().notNull(),
    plan: jsonb('plan').notNull(),
    beforeSnapshot: jsonb('before_snapshot').notNull(),
    moved: jsonb('moved').notNull(),
    performedBy: uuid('performed_by'),
    performedAt: ts('performed_at').notNull().defaultNow(),
    undoneAt: ts('undone_at'),
    undoneBy: uuid('undone_by'),
    // 0301_merge_history.sql
    choices: jsonb('choices').$type<Record<string, unknown>>().notNull().default({}),
    afterState: jsonb('after_state').$type<Record<string, unknown>>().notNull().default({}),
    undoResult: jsonb('undo_result').$type<Record<string, unknown>>(),
    jobId: uuid('job_id'),
    groupId: uuid('group_id'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const auditLog = pgTable(
  'audit_log',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    at: ts('at').notNull().defaultNow(),
    actorStaffId: uuid('actor_staff_id'),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: uuid('entity_id'),
    customerIds: uuid('customer_ids')
      .array()
      .notNull()
      .default(sql`'{}'`),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const jobs = pgTable(
  'jobs',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    kind: text('kind').notNull(),
    status: text('status')
      .$type<'queued' | 'running' | 'done' | 'failed' | 'cancelled'>()
      .notNull()
      .default('queued'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    progressDone: integer('progress_done').notNull().default(0),
    progressTotal: integer('progress_total').notNull().default(0),
    result: jsonb('result'),
    error: text('error'),
    attempts: integer('attempts').notNull().default(0),
    lockedBy: text('locked_by'),
    lockedUntil: ts('locked_until'),
    createdBy: uuid('created_by'),
    createdAt: created(),
    startedAt: ts('started_at'),
    finishedAt: ts('finished_at'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

// 0401_intake.sql: the booking page's services, customers' sessions, CSV imports.
export const bookingServices = pgTable(
  'booking_services',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    priceCents: integer('price_cents').notNull().default(0),
    position: integer('position').notNull().default(0),
    active: boolean('active').notNull().default(true),
    createdAt: created(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const customerSessions = pgTable(
  'customer_sessions',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: text('id').notNull(),
    accountId: uuid('account_id').notNull(),
    csrfToken: text('csrf_token').notNull(),
    createdAt: created(),
    lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const importStatuses = ['uploaded', 'planned', 'applying', 'applied', 'failed'] as const;
export const importOnMatch = ['update-empty', 'overwrite', 'skip'] as const;
export const importOnPossible = ['create', 'skip'] as const;

export const imports = pgTable(
  'imports',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    fileName: text('file_name').notNull(),
    fileBytes: integer('file_bytes').notNull(),
    encoding: text('encoding').notNull(),
    delimiter: text('delimiter').notNull(),
    header: jsonb('header').$type<string[]>().notNull(),
    rowCount: integer('row_count').notNull(),
    mapping: jsonb('mapping').$type<(string | null)[]>(),
    status: text('status').$type<(typeof importStatuses)[number]>().notNull().default('uploaded'),
    onMatch: text('on_match').$type<(typeof importOnMatch)[number]>().notNull().default('update-empty'),
    onPossible: text('on_possible').$type<(typeof importOnPossible)[number]>().notNull().default('create'),
    summary: jsonb('summary').$type<Record<string, number>>().notNull().default({}),
    plannedAt: ts('planned_at'),
    jobId: uuid('job_id'),
    appliedThrough: integer('applied_through').notNull().default(-1),
    result: jsonb('result').$type<Record<string, number>>(),
    error: text('error'),
    createdBy: uuid('created_by'),
    createdAt: created(),
    appliedAt: ts('applied_at'),
    // 0402_import_chunks.sql
    chunkRows: integer('chunk_rows').notNull().default(5000),
    outcomeIndex: text('outcome_index'),
    planContext: text('plan_context'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const importRowOutcomes = ['new', 'match', 'possible', 'file_duplicate', 'invalid'] as const;
export const importRowActions = ['created', 'updated', 'unchanged', 'skipped', 'invalid', 'failed'] as const;

// 0402_import_chunks.sql: rows kept in chunks of JSON text.
export const importChunks = pgTable(
  'import_chunks',
  {
    tenantId: uuid('tenant_id').notNull(),
    importId: uuid('import_id').notNull(),
    chunk: integer('chunk').notNull(),
    firstIdx: integer('first_idx').notNull(),
    rowCount: integer('row_count').notNull(),
    cells: text('cells').notNull(),
    plan: text('plan'),
    results: text('results'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.importId, t.chunk] })],
);

export const importDecisions = pgTable(
  'import_decisions',
  {
    tenantId: uuid('tenant_id').notNull(),
    importId: uuid('import_id').notNull(),
    idx: integer('idx').notNull(),
    decision: text('decision').$type<'create' | 'skip' | 'match'>().notNull(),
    customerId: uuid('customer_id'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.importId, t.idx] })],
);

export const importMappings = pgTable(
  'import_mappings',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    header: jsonb('header').$type<string[]>().notNull(),
    mapping: jsonb('mapping').$type<(string | null)[]>().notNull(),
    createdBy: uuid('created_by'),
    createdAt: created(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export type Customer = typeof customers.$inferSelect;
export type NewCustomer = typeof customers.$inferInsert;
export type Tenant = typeof tenants.$inferSelect;
export type StaffUser = typeof staffUsers.$inferSelect;
