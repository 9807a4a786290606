/**
 * The short version of `npm run bench -- load` for CI: the real server on a small tenant of this
 * run's engine, driven for a few seconds with the front desk's mix (live search, profile reads,
 * duplicate lookups, edits on the version read). Any error, timeout, 5xx or 409 fails the build;
 * speed is measured by the 60-second bench, not here.
 */
import { describe, expect, it } from 'vitest';
import { benchLoad } from '../bench/load.ts';
import { testEngine } from './support/engine.ts';

describe(`load, short (${testEngine()})`, () => {
  it('answers a few seconds of mixed traffic without a single error', { timeout: 300_000 }, async () => {
    const out = (await benchLoad([
      '--engine',
      testEngine(),
      '--n',
      '3000',
      '--seconds',
      '4',
      '--connections',
      '4',
    ])) as { results: { requests: number; errors: number; non2xx: number }[] };
    const [result] = out.results;
    expect(result).toBeDefined();
    expect(result!.errors).toBe(0);
    expect(result!.non2xx).toBe(0);
    expect(result!.requests).toBeGreaterThan(40);
  });
});
