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
 * Parameters for a tenant too small to learn its own (a salon with a few thousand customers), set by hand
 * from what booking data looks like and checked against the benchmarks (docs/matching.md).
 * The prior is that of a file of roughly 10,000 customers holding a few hundred duplicate pairs.
 */
export const DEFAULT_MODEL: MatchModel = {
  prior: 1e-4,
  fields: {
    firstName: {
      m: [0.8, 0.04, 0.06, 0.03, 0.02, 0.02, 0.03],
      u: [0.01, 0.001, 0.002, 0.004, 0.01, 0.03, 0.943],
    },
    lastName: {
      m: [0.85, 0.08, 0.03, 0.02, 0.02],
      u: [0.003, 0.0005, 0.002, 0.005, 0.9895],
    },
    email: {
      m: [0.55, 0.05, 0.05, 0.35],
      u: [0.0001, 0.0001, 0.0002, 0.9996],
    },
    phone: {
      m: [0.75, 0.03, 0.22],
      u: [0.0002, 0.0002, 0.9996],
    },
    birthDate: {
      m: [0.85, 0.02, 0.05, 0.03, 0.04, 0.01],
      u: [0.00005, 0.00004, 0.001, 0.016, 0.3, 0.683],
    },
    street: {
      m: [0.6, 0.1, 0.1, 0.2],
      u: [0.0002, 0.002, 0.001, 0.9968],
    },
    place: {
      m: [0.7, 0.1, 0.05, 0.15],
      u: [0.02, 0.01, 0.01, 0.96],
    },
    gender: {
      m: [0.97, 0.02, 0.01],
      u: [0.5, 0.1, 0.4],
    },
  },
};

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
