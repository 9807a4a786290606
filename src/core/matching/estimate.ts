/**
 * Learning the model from a tenant's own file.
 *
 * - u (chance agreement) from random pairs of the file: almost all of them are two different people.
 * - m (agreement among duplicates) by expectation–maximisation, in training sessions as Splink does:
 *   each session looks only at pairs that share one strong key (the same phone, the same e-mail, the
 *   same full name, the same birth date) and learns m for the *other* fields, the shared one held
 *   fixed. One EM over all candidate pairs at once drifts towards "pairs with the same name" rather than
 *   "the same person" once a file has many namesakes; within a session the shared key anchors the match
 *   class and the other fields separate duplicates from look-alikes. A field's m is the average over
 *   the sessions that learned it (weighted by how many duplicates each found), pulled towards the
 *   shipped default by a few pseudo-pairs so a rare level does not swing on a handful of pairs.
 * - the prior from the share of candidate pairs that are duplicates under the learned m and u (EM on
 *   that one parameter), spread over all pairs of the file.
 */
import { groupByKey } from './blocking.ts';
import type { CandidatePairs } from './blocking.ts';
import { compareInto, newLevels } from './compare.ts';
import { BIRTH_FAR_APART, F_BIRTH, F_EMAIL, F_PHONE, FIELD_COUNT, FIELDS } from './fields.ts';
import type { FieldName } from './fields.ts';
import { compileModel, weightToProbability } from './model.ts';
import type { MatchModel } from './model.ts';
import { RARE_NAME_KINDS, RARE_SURNAME_HOLDERS, rareNameKind, scoreWeight } from './score.ts';
import type { RareNameKind } from './score.ts';
import { buildTermFrequencies, countRepeated } from './termFrequencies.ts';
import type { TermFrequencies } from './termFrequencies.ts';
import type { PreparedRecord } from './types.ts';

/** Deterministic pseudo-random numbers (mulberry32) from a seed the caller hands in. */
export function seededRandom(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

function cloneModel(model: MatchModel): MatchModel {
  return structuredClone(model);
}

/** u per field and level from `samples` random pairs (Laplace-smoothed). */
export function estimateU(
  records: readonly PreparedRecord[],
  base: MatchModel,
  options: { samples?: number; seed?: number } = {},
): MatchModel {
  const n = records.length;
  const model = cloneModel(base);
  if (n < 50) return model;
  const samples = Math.min(options.samples ?? 300_000, (n * (n - 1)) / 2);
  const random = seededRandom(options.seed ?? 1);
  const counts = FIELDS.map((f) => new Float64Array(f.levels.length));
  const levels = newLevels();
  for (let s = 0; s < samples; s++) {
    const i = Math.floor(random() * n);
    let j = Math.floor(random() * (n - 1));
    if (j >= i) j++;
    compareInto(records[i] as PreparedRecord, records[j] as PreparedRecord, levels);
    for (let f = 0; f < FIELD_COUNT; f++) {
      const l = levels[f] as number;
      if (l >= 0) (counts[f] as Float64Array)[l]! += 1;
    }
  }
  FIELDS.forEach((f, fi) => {
    const c = counts[fi] as Float64Array;
    const total = c.reduce((x, y) => x + y, 0);
    if (total < 1000) return;
    model.fields[f.name as FieldName].u = Array.from(c, (v) => (v + 1) / (total + c.length));
  });
  return model;
}

/** Levels of every candidate pair, one row of FIELD_COUNT per pair. */
export function pairLevels(
  records: readonly PreparedRecord[],
  pairs: Pick<CandidatePairs, 'left' | 'right' | 'count'>,
): Int8Array {
  const out = new Int8Array(pairs.count * FIELD_COUNT);
  const levels = newLevels();
  for (let p = 0; p < pairs.count; p++) {
    compareInto(
      records[pairs.left[p] as number] as PreparedRecord,
      records[pairs.right[p] as number] as PreparedRecord,
      levels,
    );
    out.set(levels, p * FIELD_COUNT);
  }
  return out;
}

/** Comparison vectors with how often each occurs: EM iterates over patterns, not pairs. */
interface Patterns {
  rows: Int8Array[];
  counts: number[];
  pairs: number;
}

function toPatterns(levels: Int8Array, ignore: ReadonlySet<number> = new Set()): Patterns {
  const pairCount = levels.length / FIELD_COUNT;
  const byKey = new Map<number, number>();
  for (let p = 0; p < pairCount; p++) {
    let key = 0;
    for (let f = 0; f < FIELD_COUNT; f++) {
      const l = ignore.has(f) ? -1 : (levels[p * FIELD_COUNT + f] as number);
      key = key * 16 + (l + 1);
    }
    byKey.set(key, (byKey.get(key) ?? 0) + 1);
  }
  const rows: Int8Array[] = [];
  const counts: number[] = [];
  for (const [key, count] of byKey) {
    const row = new Int8Array(FIELD_COUNT);
    let k = key;
    for (let f = FIELD_COUNT - 1; f >= 0; f--) {
      row[f] = (k % 16) - 1;
      k = Math.floor(k / 16);
    }
    rows.push(row);
    counts.push(count);
  }
  return { rows, counts, pairs: pairCount };
}

/** Posterior match probability of one pattern under m, u and the match rate. */
function posterior(row: Int8Array, m: readonly number[][], u: readonly number[][], lambda: number): number {
  let pm = lambda;
  let pu = 1 - lambda;
  for (let f = 0; f < FIELD_COUNT; f++) {
    const l = row[f] as number;
    if (l < 0) continue;
    pm *= (m[f] as number[])[l] as number;
    pu *= (u[f] as number[])[l] as number;
  }
  return pm / (pm + pu);
}

/** Pseudo-pairs of the shipped default added to every field's m estimate. */
const M_PSEUDO_PAIRS = 20;

interface SessionResult {
  /** Per field: the learned m, or null when this session did not learn it. */
  m: Array<number[] | null>;
  /** Expected number of duplicate pairs the session found. */
  matches: number;
}

/**
 * EM over one session's patterns: a two-class latent model with m and u both free (u starts at the
 * file's random-pair u), so that the non-match class can take the shape of the session's look-alikes
 * (namesakes, household members) instead of random pairs. Only m of the fields not held fixed is kept.
 */
function emSession(
  patterns: Patterns,
  base: MatchModel,
  fixed: ReadonlySet<number>,
  iterations: number,
): SessionResult {
  const prior = FIELDS.map((f) => base.fields[f.name as FieldName].m);
  let m = prior.map((x) => [...x]);
  let u = FIELDS.map((f) => [...base.fields[f.name as FieldName].u]);
  let lambda = 0.3;
  let matchMass = 0;
  for (let it = 0; it < iterations; it++) {
    const numM = FIELDS.map((f) => new Float64Array(f.levels.length));
    const numU = FIELDS.map((f) => new Float64Array(f.levels.length));
    matchMass = 0;
    for (let r = 0; r < patterns.rows.length; r++) {
      const row = patterns.rows[r] as Int8Array;
      const count = patterns.counts[r] as number;
      const mass = posterior(row, m, u, lambda) * count;
      matchMass += mass;
      for (let f = 0; f < FIELD_COUNT; f++) {
        const l = row[f] as number;
        if (l < 0) continue;
        (numM[f] as Float64Array)[l]! += mass;
        (numU[f] as Float64Array)[l]! += count - mass;
      }
    }
    lambda = Math.min(0.999, Math.max(1e-6, matchMass / patterns.pairs));
    const update = (num: Float64Array[], old: number[][], def: number[][]): number[][] =>
      old.map((was, f) => {
        if (fixed.has(f)) return was;
        const c = num[f] as Float64Array;
        const total = c.reduce((x, y) => x + y, 0);
        const d = def[f] as number[];
        return Array.from(c, (v, l) => (v + M_PSEUDO_PAIRS * (d[l] ?? 0)) / (total + M_PSEUDO_PAIRS));
      });
    const uStart = FIELDS.map((f) => base.fields[f.name as FieldName].u);
    m = update(numM, m, prior);
    u = update(numU, u, uStart);
  }
  return { m: m.map((x, f) => (fixed.has(f) ? null : x)), matches: matchMass };
}

/** A training session: pairs that share one of these keys, with these fields held fixed. */
export interface TrainingRule {
  name: string;
  keys: (r: PreparedRecord) => readonly string[];
  /** The fields the key is made of: held fixed in this session, and agreeing exactly on its pairs. */
  fixes: readonly FieldName[];
}

export const TRAINING_RULES: readonly TrainingRule[] = [
  { name: 'phone', keys: (r) => r.phones, fixes: ['phone'] },
  { name: 'email', keys: (r) => r.emails, fixes: ['email'] },
  {
    name: 'fullName',
    keys: (r) => (r.firstName !== null && r.lastName !== null ? [`${r.firstName}|${r.lastName}`] : []),
    fixes: ['firstName', 'lastName'],
  },
  { name: 'birthDate', keys: (r) => (r.birthDigits !== null ? [r.birthDigits] : []), fixes: ['birthDate'] },
];

export interface TrainingOptions {
  seed?: number;
  /** Pairs per session at most (sampled); default 300,000. */
  maxPairsPerSession?: number;
  /** Blocks larger than this are skipped in training (a very common name); default 100. */
  maxBlockSize?: number;
  iterations?: number;
}

/** Pairs of records sharing a key of `rule`, at most `maxPairs` (a seeded sample when there are more). */
export function sessionPairs(
  records: readonly PreparedRecord[],
  rule: TrainingRule,
  maxPairs: number,
  maxBlock: number,
  random: () => number,
): { left: Int32Array; right: Int32Array; count: number; share: number } {
  const blocks = groupByKey(records, rule.keys);
  let total = 0;
  for (const members of blocks)
    if (members.length <= maxBlock) total += (members.length * (members.length - 1)) / 2;
  const keep = total <= maxPairs ? 1 : maxPairs / total;
  const left: number[] = [];
  const right: number[] = [];
  const seen = new Set<number>();
  for (const members of blocks) {
    if (members.length > maxBlock) continue;
    for (let x = 0; x < members.length; x++) {
      for (let y = x + 1; y < members.length; y++) {
        if (keep < 1 && random() >= keep) continue;
        const i = Math.min(members[x] as number, members[y] as number);
        const j = Math.max(members[x] as number, members[y] as number);
        const key = i * 4_194_304 + j;
        if (seen.has(key)) continue;
        seen.add(key);
        left.push(i);
        right.push(j);
      }
    }
  }
  return { left: Int32Array.from(left), right: Int32Array.from(right), count: left.length, share: keep };
}

/**
 * m by EM in training sessions, and the prior (see the file comment); u must already be the file's.
 *
 * The prior: a session finds N duplicate pairs among the pairs sharing its key. A duplicate pair shares
 * that key when both records have the fields and they agree exactly, which happens with probability
 * (share of records with the fields)² · Π m(exact) — m as learned by the *other* sessions. So the file
 * holds about N / that many duplicate pairs; the sessions' estimates are averaged, weighted by N.
 */
export function estimateM(
  records: readonly PreparedRecord[],
  model: MatchModel,
  options: TrainingOptions = {},
): MatchModel {
  const random = seededRandom((options.seed ?? 1) ^ 0x5eed);
  const sums = FIELDS.map((f) => new Float64Array(f.levels.length));
  const weights = new Float64Array(FIELD_COUNT);
  const found: Array<{ rule: TrainingRule; fixed: Set<number>; matches: number; m: Array<number[] | null> }> =
    [];
  for (const rule of TRAINING_RULES) {
    const pairs = sessionPairs(
      records,
      rule,
      options.maxPairsPerSession ?? 300_000,
      options.maxBlockSize ?? 100,
      random,
    );
    if (pairs.count < 200) continue;
    const fixed = new Set(rule.fixes.map((name) => FIELDS.findIndex((f) => f.name === name)));
    const patterns = toPatterns(pairLevels(records, pairs), fixed);
    const session = emSession(patterns, model, fixed, options.iterations ?? 30);
    if (session.matches < 20) continue;
    found.push({ rule, fixed, matches: session.matches / pairs.share, m: session.m });
    session.m.forEach((m, f) => {
      if (m === null) return;
      const sum = sums[f] as Float64Array;
      m.forEach((v, l) => (sum[l]! += v * session.matches));
      weights[f]! += session.matches;
    });
  }
  const result = cloneModel(model);
  FIELDS.forEach((f, fi) => {
    const w = weights[fi] as number;
    if (w <= 0) return;
    result.fields[f.name as FieldName].m = Array.from(sums[fi] as Float64Array, (v) => v / w);
  });

  let total = 0;
  let weight = 0;
  for (const s of found) {
    // m(exact) of the session's own fields, from the sessions that learned them.
    let agree = 1;
    for (const f of s.fixed) {
      if ((weights[f] as number) <= 0) agree = NaN;
      else agree *= result.fields[FIELDS[f]!.name as FieldName].m[0] ?? 0;
    }
    let present = 0;
    for (const r of records) if (s.rule.keys(r).length > 0) present++;
    const shareBoth = (present / records.length) ** 2;
    if (!(agree > 0) || shareBoth <= 0) continue;
    total += (s.matches / (agree * shareBoth)) * s.matches;
    weight += s.matches;
  }
  if (weight > 0) {
    const n = records.length;
    result.prior = Math.min(0.5, Math.max(1e-9, total / weight / ((n * (n - 1)) / 2)));
  }
  return result;
}

/** The value(s) two records must share for a field's exact level, per record. */
const EXACT_KEYS: ReadonlyArray<[FieldName, (r: PreparedRecord) => readonly string[]]> = [
  ['firstName', (r) => (r.firstName === null ? [] : [r.firstName])],
  ['lastName', (r) => (r.lastName === null ? [] : [r.lastName])],
  ['email', (r) => r.emails],
  ['phone', (r) => r.phones.filter((p) => !r.fixedPhones.includes(p))],
  ['birthDate', (r) => (r.birthDigits === null ? [] : [r.birthDigits])],
];

/**
 * u of the exact levels of high-cardinality fields, counted instead of sampled. A sample of random
 * pairs sees a shared phone a handful of times, and most of those few are duplicates, not chance; so
 * the chance of agreement is counted over all pairs from the values' frequencies (Σ c·(c−1)/2 over
 * values, among the pairs where both records have the field) and the duplicates' share (prior · m)
 * taken out. The other levels keep their sampled u, scaled to what is left.
 */
export function countExactU(records: readonly PreparedRecord[], model: MatchModel): MatchModel {
  const result = cloneModel(model);
  const n = records.length;
  if (n < 50) return result;
  const allPairs = (n * (n - 1)) / 2;
  for (const [field, keys] of EXACT_KEYS) {
    const all: string[] = [];
    let present = 0;
    for (const r of records) {
      const values = keys(r);
      if (values.length > 0) present++;
      for (const v of values) all.push(v);
    }
    let agreeing = 0;
    for (const c of countRepeated(all).values()) agreeing += (c * (c - 1)) / 2;
    const presentPairs = (present * (present - 1)) / 2;
    const params = result.fields[field];
    const matchPairs = model.prior * allPairs * (present / n) ** 2;
    if (presentPairs - matchPairs < 1000) continue;
    const chance = Math.max(agreeing - matchPairs * (params.m[0] ?? 0), 1) / (presentPairs - matchPairs);
    const rest = params.u.slice(1).reduce((x, y) => x + y, 0);
    const scale = rest > 0 ? (1 - chance) / rest : 1;
    params.u = params.u.map((v, l) => (l === 0 ? chance : v * scale));
  }
  return result;
}

/** Checked rare-name pairs needed before their share of duplicates is trusted. */
export const MIN_RARE_NAME_PAIRS = 30;

/**
 * The rare-name probabilities (MatchModel.rareNames): among the pairs that share a rare surname
 * (rareNameKind) and that can be checked — both records have a phone, both an e-mail address, or both a
 * birth date — the mean match probability under the model. Pairs with nothing but such names in common
 * are then given that share: what the file itself says about how often such names are one person.
 * A kind with fewer than MIN_RARE_NAME_PAIRS checked pairs is left out (its pairs keep their weight).
 */
export function estimateRareNames(
  records: readonly PreparedRecord[],
  model: MatchModel,
  tf: TermFrequencies = buildTermFrequencies(records),
): MatchModel {
  const cm = compileModel({ ...model, rareNames: {} });
  // Candidates: records whose surname is rare, grouped by the surname's sound (Double Metaphone, as
  // the blocking does), so that a surname one letter off ("Stehuis" / "Stehhuis") is found next to the
  // exact ones.
  const bySound = new Map<string, number[]>();
  for (let i = 0; i < records.length; i++) {
    const r = records[i] as PreparedRecord;
    if (r.lastName === null || r.lastKeys === null) continue;
    if ((tf.lastName.get(r.lastName) ?? 0) > RARE_SURNAME_HOLDERS) continue;
    const key = `${r.lastKeys[0]}|${r.firstName?.charAt(0) ?? ''}`;
    const list = bySound.get(key);
    if (list === undefined) bySound.set(key, [i]);
    else list.push(i);
  }
  const sums: Record<RareNameKind, { pairs: number; matches: number }> = {
    same: { pairs: 0, matches: 0 },
    form: { pairs: 0, matches: 0 },
    slip: { pairs: 0, matches: 0 },
  };
  const levels = newLevels();
  for (const members of bySound.values()) {
    if (members.length > 50) continue;
    for (let x = 0; x < members.length; x++) {
      for (let y = x + 1; y < members.length; y++) {
        const a = records[members[x] as number] as PreparedRecord;
        const b = records[members[y] as number] as PreparedRecord;
        const weight = scoreWeight(a, b, cm, tf, levels);
        const birth = levels[F_BIRTH] ?? -1;
        const checked =
          (levels[F_PHONE] ?? -1) >= 0 ||
          (levels[F_EMAIL] ?? -1) >= 0 ||
          (birth >= 0 && birth <= BIRTH_FAR_APART);
        const kind = checked ? rareNameKind(a, b, levels, tf, false) : null;
        if (kind === null) continue;
        sums[kind].pairs++;
        sums[kind].matches += weightToProbability(weight);
      }
    }
  }
  const rareNames: NonNullable<MatchModel['rareNames']> = {};
  for (const kind of RARE_NAME_KINDS) {
    const { pairs, matches } = sums[kind];
    if (pairs >= MIN_RARE_NAME_PAIRS) rareNames[kind] = matches / pairs;
  }
  return { ...model, rareNames };
}
