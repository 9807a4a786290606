import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { generateCustomers } from './customers.ts';
import { csvValue, writeCsv, writeDataset, writeTruthCsv } from './csv.ts';

const dir = mkdtempSync(join(tmpdir(), 'clienteel-gen-'));
const customers = [...generateCustomers({ seed: 5, n: 1_000 })];

describe('CSV output', () => {
  it('quotes only when needed', () => {
    expect(csvValue('a,b')).toBe('"a,b"');
    expect(csvValue('say "hi"')).toBe('"say ""hi"""');
    expect(csvValue(null)).toBe('');
    expect(csvValue("'s-Hertogenbosch")).toBe("'s-Hertogenbosch");
  });

  it('writes the public data sets’ columns and truth, readable back', () => {
    writeCsv(customers, join(dir, 'c.csv'));
    writeTruthCsv(customers, join(dir, 't.csv'));
    const text = readFileSync(join(dir, 'c.csv'), 'utf8');
    expect(text.split('\n')[0]).toBe(
      'id,first_name,last_name,gender,email,mobile,landline,birth_date,street,house_number,postal_code,city,country',
    );
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(1_000);
    expect(rows[10]!.mobile).toBe(customers[10]!.mobile ?? '');
    expect(rows[10]!.last_name).toBe(customers[10]!.lastName ?? '');
    const truth = parse(readFileSync(join(dir, 't.csv'), 'utf8'), { columns: true }) as Record<
      string,
      string
    >[];
    expect(Object.keys(truth[0]!)).toEqual(['id', 'entity']);
    expect(truth[10]).toEqual({ id: customers[10]!.id, entity: customers[10]!.entityId });
  });

  it('writes both files in one pass, also with every column', () => {
    const rows = writeDataset(generateCustomers({ seed: 5, n: 1_000 }), dir, { columns: 'full' });
    expect(rows).toBe(1_000);
    const parsed = parse(readFileSync(join(dir, 'customers.csv'), 'utf8'), { columns: true }) as Record<
      string,
      string
    >[];
    expect(parsed[0]).toHaveProperty('kind');
    expect(parsed.map((r) => r.entity)).toEqual(customers.map((c) => c.entityId));
  });
});
