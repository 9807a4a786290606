/**
 * Crash bench: the long version of test/crash/crash.test.ts. For each engine and each operation
 * (merge, undo, bulk merge, import) it runs `--rounds` rounds of: start the real server process,
 * start the operation, SIGKILL the server at a random moment, restart it, let interrupted jobs
 * resume, stop it and check the invariants (test/support/invariants.ts) and that every history
 * table still holds exactly the rows it held before.
 *
 *   npm run bench -- crash [--rounds 100] [--engines pglite,postgres] [--operations merge,undo,bulk,import]
 */
import type { TestEngine } from '../test/support/engine.ts';
import { createCrashWorld, crashRounds } from '../test/support/crashLoop.ts';
import type { CrashOperation } from '../test/support/crashLoop.ts';

const OPERATIONS: readonly CrashOperation[] = ['merge', 'undo', 'bulk', 'import'];
const ENGINES: readonly TestEngine[] = ['pglite', 'postgres'];

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

function list<T extends string>(value: string | undefined, allowed: readonly T[], what: string): T[] {
  if (value === undefined) return [...allowed];
  const picked = value.split(',').map((v) => v.trim());
  for (const p of picked) {
    if (!(allowed as readonly string[]).includes(p))
      throw new Error(`unknown ${what} "${p}"; choose from ${allowed.join(', ')}`);
  }
  return picked as T[];
}

export async function benchCrash(args: string[]): Promise<object> {
  const rounds = Number(option(args, 'rounds') ?? 100);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds must be a whole number ≥ 1');
  const engines = list(option(args, 'engines'), ENGINES, 'engine');
  const operations = list(option(args, 'operations'), OPERATIONS, 'operation');
  const results = [];
  for (const engine of engines) {
    const world = await createCrashWorld(engine, 300);
    try {
      for (const [i, operation] of operations.entries()) {
        const started = performance.now();
        const report = await crashRounds(world, operation, rounds, 5000 + i, (line) =>
          process.stderr.write(`${engine} ${line}\n`),
        );
        results.push({
          engine,
          operation,
          rounds,
          killed_midway: report.killedMidway,
          violations: report.violations.length,
          first_violations: report.violations.slice(0, 5),
          seconds: Math.round((performance.now() - started) / 100) / 10,
        });
      }
    } finally {
      await world.dispose();
    }
  }
  return { bench: 'crash', results, ok: results.every((r) => r.violations === 0) };
}
