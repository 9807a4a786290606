/**
 * The data a merge is planned from and the plan it produces. Plain data only (dates as ISO
 * strings), so a plan can be stored as JSON in the merge row, sent to the app and compared.
 */
import type { CustomerValues, EditableField } from '../customer/customer.ts';

/** Every table whose rows hang on a customer and move to the survivor on a merge. */
export const HISTORY_TABLES = [
  'appointments',
  'booking_requests',
  'invoices',
  'subscriptions',
  'loyalty_ledger',
  'messages',
  'customer_notes',
  'customer_contact_points',
  'online_accounts',
] as const;
export type HistoryTable = (typeof HISTORY_TABLES)[number];

export interface MergeAppointment {
  id: string;
  startAt: string;
  endAt: string;
  status: string;
  service: string;
}

export interface MergeOnlineAccount {
  id: string;
  loginEmail: string;
  state: 'invited' | 'active' | 'disabled';
  createdAt: string;
  activatedAt: string | null;
  lastLoginAt: string | null;
}

export interface MergeContactPoint {
  kind: 'email' | 'phone';
  value: string;
  normalized: string | null;
}

/** One profile as the planner sees it: its values, its state and a summary of its history. */
export interface MergeCustomer {
  id: string;
  number: number;
  values: CustomerValues;
  source: string;
  customerSince: string;
  createdAt: string;
  newsletterConsentAt: string | null;
  newsletterConsentSource: string | null;
  archivedAt: string | null;
  mergedInto: string | null;
  deletedAt: string | null;
  erasedAt: string | null;
  /** How many rows of each history table hang on this profile. */
  history: Record<HistoryTable, number>;
  loyaltyPoints: number;
  lastAppointmentAt: string | null;
  /**
   * Appointments that may clash with another profile's; the caller may leave out any that
   * cannot (the service passes only those overlapping another profile's, found in SQL).
   */
  appointments: MergeAppointment[];
  onlineAccounts: MergeOnlineAccount[];
  contactPoints: MergeContactPoint[];
}

/** A field's final value: taken from one of the profiles, or typed by staff. */
export type FieldChoice = { from: string } | { value: string | boolean | null };

/** What staff decided; everything is optional and has a default (see planMerge). */
export interface MergeChoices {
  survivorId?: string | undefined;
  fields?: Partial<Record<EditableField, FieldChoice>> | undefined;
  /** The online account whose login stays when several profiles have one. */
  onlineAccount?: string | undefined;
  /** The profile whose newsletter consent (value, when, how) stands. */
  newsletter?: string | undefined;
  /** Appointments at the same time as another profile's that are cancelled by the merge. */
  cancelAppointments?: string[] | undefined;
}

export interface PlanContext {
  defaultCountry: string;
  required: { phone: boolean; email: boolean };
  /** "YYYY-MM-DD", for birth-date sanity of typed values. */
  today: string;
  /** The most profiles one merge may combine. */
  maxRecords: number;
}

export type FieldSource = 'survivor' | 'filled' | 'chosen' | 'typed' | 'rule' | 'combined';

export interface PlannedField {
  field: EditableField;
  /** The value as shown and stored (typed phone form, not E.164). */
  value: string | boolean | null;
  /** The profile it comes from; null when typed or combined. */
  from: string | null;
  source: FieldSource;
  /** Every profile holds the same value (after normalising case, spaces and phone formats). */
  identical: boolean;
  /** The value of every profile, in plan order (survivor first). */
  options: { customerId: string; value: string | boolean | null }[];
}

export interface PlannedMove {
  from: string;
  table: HistoryTable;
  count: number;
}

export interface PlannedContactPoint {
  kind: 'email' | 'phone';
  value: string;
  normalized: string;
  /** The profile whose field held it before the merge. */
  from: string;
}

export interface AppointmentClash {
  kind: 'appointments';
  appointments: (MergeAppointment & { customerId: string })[];
  /** Ids of the clash's appointments that the merge cancels (staff's choice; none by default). */
  cancel: string[];
}

export interface AccountClash {
  kind: 'online_accounts';
  accounts: (MergeOnlineAccount & { customerId: string })[];
  kept: string;
  decidedBy: 'default' | 'staff';
}

export interface NewsletterClash {
  kind: 'newsletter';
  consents: { customerId: string; consent: boolean; at: string | null }[];
  value: boolean | null;
  from: string | null;
  decidedBy: 'default' | 'staff';
}

export type MergeClash = AppointmentClash | AccountClash | NewsletterClash;

export interface MergeWarning {
  code: string;
  params: Record<string, string | number>;
}

export interface PlannedCustomer {
  id: string;
  number: number;
  name: string;
  role: 'survivor' | 'merged';
  source: string;
  customerSince: string;
  history: Record<HistoryTable, number>;
  loyaltyPoints: number;
  lastAppointmentAt: string | null;
}

/** Everything a merge will do, before it does it. Applying it does exactly this. */
export interface MergePlan {
  survivorId: string;
  /** The profile the survivor rule picks; equal to survivorId unless staff chose another. */
  defaultSurvivorId: string;
  mergedIds: string[];
  /** Survivor first, then the merged profiles in the order their values fill empty fields. */
  customers: PlannedCustomer[];
  fields: PlannedField[];
  /** The survivor's values after the merge (phones with their E.164 form). */
  values: CustomerValues;
  customerSince: { value: string; from: string };
  newsletter: { value: boolean | null; at: string | null; source: string | null; from: string | null };
  moves: PlannedMove[];
  /** Rows on the survivor after the merge, per table. */
  totals: Record<HistoryTable, number>;
  loyaltyPoints: { before: Record<string, number>; after: number };
  contactPointsAdded: PlannedContactPoint[];
  onlineAccounts: {
    kept: string | null;
    /** Accounts the merge disables (their login no longer works; never deleted). */
    disabled: string[];
  };
  cancelAppointments: string[];
  clashes: MergeClash[];
  warnings: MergeWarning[];
}

export interface PlanError {
  code: string;
  field?: string;
  params?: Record<string, string | number>;
  /** The profile the problem is about, when there is one. */
  customerId?: string;
}

export type PlanResult = { ok: true; plan: MergePlan } | { ok: false; errors: PlanError[] };
