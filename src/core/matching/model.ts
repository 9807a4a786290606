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
      m: [0.85, 0.02, 0.05, 0.03, 0.04, 0.01],
      u: [0.00005, 0.00004, 0.001, 0.016, 0.3, 0.68291],
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

/** A model turned into weight tables for the hot loop. */
export interface CompiledModel {
  model: MatchModel;
  priorWeight: number;
  /** weights[field][level] = log2(m / u). */
  weights: Float64Array[];
}

const compiled = new WeakMap<MatchModel, CompiledModel>();

export function compileModel(model: MatchModel): CompiledModel {
  const cached = compiled.get(model);
  if (cached !== undefined) return cached;
  const weights = FIELDS.map((f) => {
    const p = model.fields[f.name];
    return Float64Array.from(f.levels, (_, i) => Math.log2((p.m[i] ?? 1e-6) / (p.u[i] ?? 1e-6)));
  });
  const result = { model, priorWeight: Math.log2(model.prior / (1 - model.prior)), weights };
  compiled.set(model, result);
  return result;
}

export function weightToProbability(weight: number): number {
  return 1 / (1 + Math.pow(2, -weight));
}
