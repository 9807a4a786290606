/**
 * The Fellegi–Sunter model: for every field and level, m = P(level | same person) and
 * u = P(level | two different people); a level's weight is log2(m/u) (a Bayes factor in bits) and a pair's
 * match weight is the prior's log-odds plus the sum of its fields' weights.
 */
import { FIELDS } from './fields.ts';
import type { FieldName } from './fields.ts';

export interface FieldParameters {
  m: number[];
  u: number[];
}

export interface MatchModel {
  /** P(two records picked at random are the same person). */
  prior: number;
  fields: Record<FieldName, FieldParameters>;
  /**
   * Learned from the file (estimateRareNames): the share of duplicates among its pairs with a rare
   * surname and the same given name ('same'), a form of it ('form'), or with a surname one letter off
   * ('slip'), counted on the pairs that could be checked. Pairs of that kind with nothing but their names in common get this probability; absent,
   * they keep their own weight (see score.ts, rare-name rule).
   */
  rareNames?: { same?: number; form?: number; slip?: number };
}

/**
 * Parameters for a tenant too small to learn its own (a salon with a few hundred or thousand customers),
 * set by hand from what booking data looks like and checked against the benchmarks (docs/matching.md).
 * m: a duplicate keeps its mobile four times in five, its e-mail address about half the time (a new one
 * at another provider is the common change), and a birth date when both records have one. u: how often
 * two different customers agree by chance. The prior is that of a file of about 1,200 customers; use
 * `withPriorForFileSize` for others.
 */
export const DEFAULT_MODEL: MatchModel = {
  prior: 1e-4,
  fields: {
    firstName: {
      m: [0.8, 0.04, 0.06, 0.03, 0.02, 0.02, 0.03],
      u: [0.01, 0.001, 0.002, 0.004, 0.01, 0.03, 0.943],
    },
    lastName: {
      m: [0.82, 0.08, 0.03, 0.02, 0.02, 0.03],
      u: [0.002, 0.0005, 0.002, 0.005, 0.03, 0.9605],
    },
    email: {
      m: [0.5, 0.05, 0.03, 0.42],
      u: [0.0001, 0.0002, 0.0003, 0.9994],
    },
    phone: {
      m: [0.78, 0.04, 0.02, 0.16],
      u: [0.0001, 0.0002, 0.0003, 0.9994],
    },
    birthDate: {
      m: [0.68, 0.016, 0.04, 0.024, 0.032, 0.008, 0.12, 0.08],
      u: [0.00004, 0.000032, 0.0008, 0.0128, 0.24, 0.546328, 0.004, 0.196],
    },
    street: {
      m: [0.6, 0.1, 0.1, 0.2],
      u: [0.0002, 0.002, 0.001, 0.9968],
    },
    place: {
      m: [0.6, 0.1, 0.05, 0.1, 0.02, 0.13],
      u: [0.02, 0.01, 0.005, 0.01, 0.005, 0.95],
    },
    gender: {
      m: [0.95, 0.03, 0.02],
      u: [0.5, 0.1, 0.4],
    },
  },
};

/** Share of a typical salon file's records that are extra copies of a customer already in it. */
export const TYPICAL_DUPLICATE_SHARE = 0.06;

/**
 * The prior for a file of `records` customers: about TYPICAL_DUPLICATE_SHARE·n duplicate pairs among
 * n(n−1)/2 pairs. A lookup against a tenant's file should score with the prior of that file's size.
 */
export function priorForFileSize(records: number): number {
  const n = Math.max(records, 50);
  return Math.min(0.01, (TYPICAL_DUPLICATE_SHARE * n) / ((n * (n - 1)) / 2));
}

export function withPriorForFileSize(model: MatchModel, records: number): MatchModel {
  return { ...model, prior: priorForFileSize(records) };
}

/**
 * A model with every field and level of FIELDS: a model stored before a level was added (the
 * birthDate levels emailYear and emailOtherYear) gets the shipped default for what it lacks, the other
 * levels scaled down so each field's m and u still sum to 1. A complete model is returned as is.
 */
export function completeModel(model: MatchModel): MatchModel {
  let complete = true;
  for (const f of FIELDS) {
    const p = model.fields[f.name] as FieldParameters | undefined;
    if (p === undefined || p.m.length < f.levels.length || p.u.length < f.levels.length) complete = false;
  }
  if (complete) return model;
  const fields = { ...model.fields };
  for (const f of FIELDS) {
    const p = model.fields[f.name] as FieldParameters | undefined;
    const d = DEFAULT_MODEL.fields[f.name];
    if (p === undefined) {
      fields[f.name] = { m: [...d.m], u: [...d.u] };
      continue;
    }
    const fill = (own: readonly number[], def: readonly number[]): number[] => {
      if (own.length >= f.levels.length) return [...own];
      const added = def.slice(own.length, f.levels.length);
      const rest = 1 - added.reduce((x, y) => x + y, 0);
      const sum = own.reduce((x, y) => x + y, 0) || 1;
      return [...own.map((v) => (v / sum) * rest), ...added];
    };
    fields[f.name] = { m: fill(p.m, d.m), u: fill(p.u, d.u) };
  }
  return { ...model, fields };
}

/** A model turned into weight tables for the hot loop. */
export interface CompiledModel {
  model: MatchModel;
  priorWeight: number;
  /** weights[field][level] = log2(m / u). */
  weights: Float64Array[];
  /** The learned rare-name probabilities as match weights (log-odds, bits), when learned. */
  rareNames: { same?: number; form?: number; slip?: number };
}

/** Log-odds in bits of a probability, kept finite. */
export function probabilityToWeight(p: number): number {
  const q = Math.min(Math.max(p, 1e-9), 1 - 1e-9);
  return Math.log2(q / (1 - q));
}

const compiled = new WeakMap<MatchModel, CompiledModel>();

export function compileModel(model: MatchModel): CompiledModel {
  const cached = compiled.get(model);
  if (cached !== undefined) return cached;
  const full = completeModel(model);
  const weights = FIELDS.map((f) => {
    const p = full.fields[f.name];
    return Float64Array.from(f.levels, (_, i) => Math.log2((p.m[i] ?? 1e-6) / (p.u[i] ?? 1e-6)));
  });
  const rareNames: CompiledModel['rareNames'] = {};
  for (const kind of ['same', 'form', 'slip'] as const) {
    const p = model.rareNames?.[kind];
    if (p !== undefined) rareNames[kind] = probabilityToWeight(p);
  }
  const result = {
    model: full,
    priorWeight: Math.log2(model.prior / (1 - model.prior)),
    weights,
    rareNames,
  };
  compiled.set(model, result);
  return result;
}

export function weightToProbability(weight: number): number {
  return 1 / (1 + Math.pow(2, -weight));
}
