/** What an import keeps per row, as JSON in its chunks (see 0402_import_chunks.sql). */
import type { CustomerValues } from '../../core/customer/customer.ts';
import type { Candidate, RowError } from '../../core/import/index.ts';
import type { importRowActions, importRowOutcomes } from '../../db/schema.ts';

export type Outcome = (typeof importRowOutcomes)[number];
export type Action = (typeof importRowActions)[number];

/** The dry run's verdict on one row. */
export interface PlanEntry {
  outcome: Outcome;
  /** The row as the editing form would send it (only the fields it has a value for). */
  input: Record<string, unknown>;
  /** The validated values to create a customer from; null for invalid rows. */
  values: CustomerValues | null;
  errors: RowError[];
  candidates: Candidate[];
  /** The existing customer a certain match points at. */
  match: string | null;
  reason: string | null;
  /** For a duplicate within the file: the index and row number of the first row of the same person. */
  duplicateOf: number | null;
  duplicateOfRow: number | null;
}

/** What applying did to one row. */
export interface ResultEntry {
  action: Action;
  customerId: string | null;
  /** JSON `{ code, field?, params? }` of the reason, translated when shown. */
  message: string | null;
}

export type Summary = Record<'rows' | 'new' | 'match' | 'possible' | 'fileDuplicate' | 'invalid', number>;
export type OutcomeIndex = Partial<Record<Outcome, number[]>>;
