/** The shapes the generator produces: customer records with their ground truth, and their history. */

export type GenCountry = 'BE' | 'NL' | 'DE' | 'mixed';
export type GenGender = 'female' | 'male' | 'diverse' | 'child';
export type GenLanguage = 'nl' | 'fr' | 'de' | 'en';
export type GenSource = 'staff' | 'online' | 'agenda' | 'walk_in' | 'import';
export type GenKind = 'original' | 'duplicate' | 'household' | 'twin' | 'father_son' | 'common_name';

export interface GenOptions {
  seed: number;
  /** Number of records to produce, exactly. */
  n: number;
  country?: GenCountry;
  /** Share of all records that are extra copies of a person already in the file (default 0.12). */
  duplicateRate?: number;
  /** Whether generateHistory should produce history for these customers (default true). */
  history?: boolean;
  /** The fixed "today" of the file (default 2026-11-01); nothing is created after it. */
  now?: Date;
  /** When the business started; records are created evenly between this and `now` (default now − 12 years). */
  since?: Date;
  /** Restrict Belgian customers to Flanders (a Dutch-speaking salon), as the demo salon does. */
  flandersOnly?: boolean;
}

export interface GenCustomer {
  /** Stable, in creation order: 'g000001'. */
  id: string;
  /** Ground truth: records with the same entityId are the same person. */
  entityId: string;
  number: number;
  gender: GenGender | null;
  firstName: string | null;
  lastName: string | null;
  displayName: string | null;
  email: string | null;
  /** As typed, in varied written forms ('0475 88 88 88', '+32475888888', '06-12345678' …). */
  mobile: string | null;
  landline: string | null;
  phone2: string | null;
  /** YYYY-MM-DD */
  birthDate: string | null;
  street: string | null;
  houseNumber: string | null;
  postalCode: string | null;
  city: string | null;
  /** ISO 3166-1 alpha-2 */
  country: string;
  language: GenLanguage;
  vatNumber: string | null;
  statusLabel: string | null;
  newsletterConsent: boolean | null;
  newsletterConsentAt: string | null;
  notes: string | null;
  source: GenSource;
  /** ISO timestamp; increases with `number`. */
  createdAt: string;
  /** For hard negatives: the id of the record this one is easily confused with (a different person). */
  hardNegativeOf?: string;
  kind: GenKind;
  /** For duplicates: which error made this copy differ ('online_new_email', 'typo', 'nickname' …). */
  variant?: string;
}

export type AppointmentStatus = 'booked' | 'completed' | 'cancelled' | 'no_show';

export interface GenAppointment {
  customerId: string;
  start: string;
  end: string;
  service: string;
  staffMember: string;
  status: AppointmentStatus;
  priceCents: number;
}

export interface GenInvoice {
  customerId: string;
  number: string;
  /** YYYY-MM-DD */
  date: string;
  totalCents: number;
  paid: boolean;
}

export interface GenLoyaltyEntry {
  customerId: string;
  at: string;
  points: number;
  reason: string;
}

export interface GenNote {
  customerId: string;
  position: number;
  body: string;
  createdAt: string;
}

export interface GenSubscription {
  customerId: string;
  name: string;
  kind: 'package' | 'membership';
  totalSessions: number | null;
  remainingSessions: number | null;
  validFrom: string;
  validUntil: string;
}

export interface GenBookingRequest {
  customerId: string;
  service: string;
  wishedStart: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  status: 'open' | 'confirmed' | 'declined';
  link: 'certain' | 'new' | 'account' | 'staff';
  createdAt: string;
}

export interface GenOnlineAccount {
  customerId: string;
  loginEmail: string;
  state: 'invited' | 'active';
}

export interface GenHistory {
  appointments: GenAppointment[];
  invoices: GenInvoice[];
  loyalty: GenLoyaltyEntry[];
  notes: GenNote[];
  subscriptions: GenSubscription[];
  bookingRequests: GenBookingRequest[];
  onlineAccounts: GenOnlineAccount[];
}

export function emptyHistory(): GenHistory {
  return {
    appointments: [],
    invoices: [],
    loyalty: [],
    notes: [],
    subscriptions: [],
    bookingRequests: [],
    onlineAccounts: [],
  };
}
