/**
 * Crash safety, short version for CI: a few SIGKILLs of the real server during merges, undos,
 * bulk merges and imports on this run's engine, each followed by a restart and the invariants
 * (test/support/invariants.ts). `npm run bench -- crash` runs 100 rounds of each.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCrashWorld, crashRounds } from '../support/crashLoop.ts';
import type { CrashWorld } from '../support/crashLoop.ts';
import { testEngine } from '../support/engine.ts';

const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 3);
let world: CrashWorld;

beforeAll(async () => {
  world = await createCrashWorld(testEngine(), 150);
}, 300_000);
afterAll(async () => world?.dispose());

describe(`SIGKILL during writes (${testEngine()})`, () => {
  for (const [i, operation] of (['merge', 'undo', 'bulk', 'import'] as const).entries()) {
    it(`leaves nothing half-done when killed during ${operation}`, { timeout: 600_000 }, async () => {
      const report = await crashRounds(world, operation, ROUNDS, 1000 + i);
      expect(report.violations).toEqual([]);
    });
  }
});
