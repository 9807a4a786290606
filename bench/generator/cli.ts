/**
 * Writes a generated customer file as customers.csv + truth.csv, like the public data sets.
 *   node bench/generator/cli.ts --n 100000 --seed 1 --out DIR [--country BE|NL|DE|mixed] [--dup 0.12] [--full]
 */
import { mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { generateCustomers } from './customers.ts';
import { writeDataset } from './csv.ts';
import type { GenCountry } from './types.ts';

const COUNTRIES: readonly GenCountry[] = ['BE', 'NL', 'DE', 'mixed'];

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string' },
    country: { type: 'string', default: 'BE' },
    dup: { type: 'string' },
    full: { type: 'boolean', default: false },
  },
});

const n = Number(values.n);
const seed = Number(values.seed);
const country = values.country as GenCountry;
if (!values.out || !Number.isInteger(n) || n < 1 || !Number.isInteger(seed) || !COUNTRIES.includes(country)) {
  process.stderr.write(
    'usage: node bench/generator/cli.ts --n 100000 --seed 1 --out DIR [--country BE|NL|DE|mixed] [--dup 0.12] [--full]\n',
  );
  process.exit(2);
}

mkdirSync(values.out, { recursive: true });
const started = performance.now();
const seconds = (): string => ((performance.now() - started) / 1000).toFixed(1);
const rows = writeDataset(
  generateCustomers({
    seed,
    n,
    country,
    duplicateRate: values.dup === undefined ? undefined : Number(values.dup),
  }),
  values.out,
  {
    columns: values.full ? 'full' : 'canonical',
    onProgress: (done) =>
      process.stderr.write(
        `\r${done.toLocaleString('en')} / ${n.toLocaleString('en')} customers, ${seconds()} s`,
      ),
  },
);
process.stderr.write(`\r${rows.toLocaleString('en')} customers written to ${values.out} in ${seconds()} s\n`);
