// The reason chart's geometry, kept apart from React so it can be tested: every field's weight as a
// bar growing right (evidence for the match) or left (evidence against) from a middle line, scaled
// to the strongest weight of the pair.
import type { DuplicateReason } from './duplicatesApi.ts';

export interface ReasonBar {
  field: string;
  sentence: string;
  weight: number;
  /** Share of half the chart's width, 0–1. */
  length: number;
  direction: 'for' | 'against' | 'neutral';
}

/** Weights under this many bits are drawn as a thin tick: they hardly move the probability. */
const NEUTRAL_BITS = 0.05;

export function reasonBars(fields: readonly DuplicateReason[]): ReasonBar[] {
  const strongest = Math.max(1, ...fields.map((f) => Math.abs(f.weight)));
  return fields.map((f) => ({
    field: f.field,
    sentence: f.sentence,
    weight: f.weight,
    length: Math.min(1, Math.abs(f.weight) / strongest),
    direction: Math.abs(f.weight) < NEUTRAL_BITS ? 'neutral' : f.weight > 0 ? 'for' : 'against',
  }));
}
