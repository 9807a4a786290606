import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDedupe } from './dedupe.ts';

async function run(
  csv: string,
  extra: string[] = [],
): Promise<{ code: number; err: string; out: string | null }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'dedupe-'));
  const input = path.join(dir, 'in.csv');
  const output = path.join(dir, 'out.csv');
  await writeFile(input, csv);
  let err = '';
  const io = { stdout: { write: () => true }, stderr: { write: (s: string) => (err += s) } };
  const code = await runDedupe([input, '--output', output, ...extra], io);
  return { code, err, out: existsSync(output) ? await readFile(output, 'utf8') : null };
}

const HEADER =
  'id,first_name,last_name,gender,email,mobile,landline,birth_date,street,house_number,postal_code,city,country,notes';

describe('dedupe CLI', () => {
  it('writes one row per input row with the cluster id', async () => {
    const csv = [
      HEADER,
      'a,Stephanie,Wahters,female,stephaniewachters@telenet.be,0475 888 888,,,,,,,BE,vip',
      'b,stefanie,wachters,,stefaniew@hotmail.com,0475888888,,,,,,,,',
      'c,Jan,Peeters,male,,,,1970-01-01,,,,,,',
    ].join('\n');
    const { code, out, err } = await run(csv, ['--country', 'BE']);
    expect(code).toBe(0);
    const lines = (out ?? '').trim().split('\n');
    expect(lines[0]).toBe('id,cluster_id,match_probability');
    expect(lines).toHaveLength(4);
    expect(lines[1]?.startsWith('a,a,')).toBe(true);
    expect(lines[2]?.startsWith('b,a,')).toBe(true);
    expect(lines[3]?.startsWith('c,c,')).toBe(true);
    expect(err).toMatch(/1 duplicate groups/);
  });

  it('accepts missing columns', async () => {
    const { code } = await run('id,last_name\n1,Peeters\n2,Peeters\n');
    expect(code).toBe(0);
  });

  it.each([
    ['no id column', 'first_name,last_name\nJan,Peeters\n', /line 1: no "id" column/],
    ['a ragged row', 'id,first_name\n1,Jan\n2,Piet,extra\n', /line 3/],
    ['an unbalanced quote', 'id,first_name\n1,"Jan\n2,Piet\n', /line \d+/],
    ['an empty file', '', /empty/],
  ])('rejects %s with one line, exit 1 and no output', async (_name, csv, message) => {
    const { code, err, out } = await run(csv);
    expect(code).toBe(1);
    expect(err).toMatch(message);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(out).toBeNull();
  });
});
