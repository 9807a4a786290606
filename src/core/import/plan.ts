/**
 * The duplicate check of an import, on prepared records: which rows repeat an earlier row of the
 * same file, and which match a customer the business already has — certainly, possibly, or not.
 *
 * A match is certain when (and only when) one of these holds and no household rule objects
 * (a different first name, birth date or generation — a mother and her daughter on one mailbox):
 *  - the same e-mail address (after the matcher's canonical form) and first names that do not
 *    differ;
 *  - the same phone number and matching names (first name equal, a nickname, or alike in spelling
 *    or sound; surname equal or alike);
 *  - a match probability at or above the tenant's "certain" threshold.
 * When several existing customers are certain for one row, none is picked: the row is a possible
 * match for staff to review. The booking page applies the same rule (see bookings).
 */
import {
  compileModel,
  generateCandidatePairs,
  scorePair,
  scoreWeight,
  weightToProbability,
} from '../matching/index.ts';
import type { CompiledModel, MatchModel, PairResult, PreparedRecord } from '../matching/index.ts';

export interface PlanThresholds {
  possible: number;
  certain: number;
}

export type CertainReason = 'email' | 'phone_and_name' | 'probability';

const NAME_ALIKE_FIRST = new Set(['exact', 'nickname', 'fuzzyHigh', 'phonetic']);
const NAME_ALIKE_LAST = new Set(['exact', 'fuzzyHigh', 'phonetic']);

const level = (result: PairResult, field: string): string | undefined =>
  result.fields.find((f) => f.field === field)?.level;

/** Why a scored pair is a certain match, or null when it is not one. */
export function certainReason(result: PairResult, certainThreshold: number): CertainReason | null {
  const household = result.fields.some(
    (f) => f.field === 'household' && f.level !== 'sharedAddress' && f.weight < 0,
  );
  if (household) return null;
  if (level(result, 'email') === 'exact' && level(result, 'firstName') !== 'different') return 'email';
  if (
    level(result, 'phone') === 'exact' &&
    NAME_ALIKE_FIRST.has(level(result, 'firstName') ?? '') &&
    NAME_ALIKE_LAST.has(level(result, 'lastName') ?? '')
  ) {
    return 'phone_and_name';
  }
  return result.probability >= certainThreshold ? 'probability' : null;
}

export interface Candidate {
  customerId: string;
  probability: number;
  certain: CertainReason | null;
}

export type ExistingOutcome =
  | { kind: 'match'; customerId: string; probability: number; reason: CertainReason; candidates: Candidate[] }
  | { kind: 'possible'; candidates: Candidate[] }
  | { kind: 'new' };

export const MAX_CANDIDATES = 5;

export function compiled(model: MatchModel | CompiledModel): CompiledModel {
  return 'weights' in model ? model : compileModel(model);
}

/** The two share an e-mail address or a phone number (plain loops: this runs for every pair). */
function sharesContact(a: PreparedRecord, b: PreparedRecord): boolean {
  for (let i = 0; i < a.emails.length; i++) if (b.emails.includes(a.emails[i]!)) return true;
  for (let i = 0; i < a.phones.length; i++) if (b.phones.includes(a.phones[i]!)) return true;
  return false;
}

/**
 * Scores a record against its candidates: a quick weight first, the explained comparison only for
 * pairs that can matter (a certain rule can fire on contact data even below the threshold).
 */
export function scoreCandidates(
  record: PreparedRecord,
  candidates: readonly PreparedRecord[],
  model: CompiledModel,
  t: PlanThresholds,
): Candidate[] {
  const out: Candidate[] = [];
  for (const c of candidates) {
    if (!sharesContact(record, c) && weightToProbability(scoreWeight(record, c, model, null)) < t.possible)
      continue;
    const result = scorePair(record, c, model);
    const certain = certainReason(result, t.certain);
    if (certain === null && result.probability < t.possible) continue;
    out.push({ customerId: c.id, probability: result.probability, certain });
  }
  return out.sort(
    (a, b) => Number(b.certain !== null) - Number(a.certain !== null) || b.probability - a.probability,
  );
}

/** The outcome of one row against the customers it shares blocking keys with. */
export function classifyAgainstExisting(
  record: PreparedRecord,
  candidates: readonly PreparedRecord[],
  model: CompiledModel,
  t: PlanThresholds,
): ExistingOutcome {
  const scored = scoreCandidates(record, candidates, model, t);
  if (scored.length === 0) return { kind: 'new' };
  const certain = scored.filter((c) => c.certain !== null);
  const top = scored.slice(0, MAX_CANDIDATES);
  if (certain.length === 1) {
    const c = certain[0]!;
    return {
      kind: 'match',
      customerId: c.customerId,
      probability: c.probability,
      reason: c.certain!,
      candidates: top,
    };
  }
  return { kind: 'possible', candidates: top };
}

export interface FileDuplicate {
  /** Index of the first row of the file that is the same person. */
  of: number;
  probability: number;
  reason: CertainReason;
}

/**
 * Rows that repeat an earlier row of the same file (certain matches only, so two different
 * people are never folded together): each such row points at the first row of its group.
 */
export function findFileDuplicates(
  records: readonly (PreparedRecord | null)[],
  model: CompiledModel,
  t: PlanThresholds,
): Map<number, FileDuplicate> {
  const valid: number[] = [];
  records.forEach((r, i) => r !== null && valid.push(i));
  const list = valid.map((i) => records[i] as PreparedRecord);
  const pairs = generateCandidatePairs(list);
  const parent = valid.map((_, k) => k);
  const find = (k: number): number => {
    while (parent[k] !== k) {
      parent[k] = parent[parent[k]!]!;
      k = parent[k]!;
    }
    return k;
  };
  const best = new Map<number, { probability: number; reason: CertainReason }>();
  for (let p = 0; p < pairs.count; p++) {
    const i = pairs.left[p]!;
    const j = pairs.right[p]!;
    const a = list[i]!;
    const b = list[j]!;
    if (!sharesContact(a, b) && weightToProbability(scoreWeight(a, b, model, null)) < t.certain) continue;
    const result = scorePair(a, b, model);
    const reason = certainReason(result, t.certain);
    if (reason === null) continue;
    const [ri, rj] = [find(i), find(j)];
    if (ri !== rj) parent[Math.max(ri, rj)] = Math.min(ri, rj);
    for (const k of [i, j]) {
      if ((best.get(k)?.probability ?? -1) < result.probability)
        best.set(k, { probability: result.probability, reason });
    }
  }
  const out = new Map<number, FileDuplicate>();
  for (let k = 0; k < valid.length; k++) {
    const root = find(k);
    if (root === k) continue;
    const hit = best.get(k) ?? { probability: 1, reason: 'probability' as const };
    out.set(valid[k]!, { of: valid[root]!, ...hit });
  }
  return out;
}
