import { describe, expect, it } from 'vitest';
import { generateCustomers } from './customers.ts';
import { NAMES } from './names.ts';
import type { GenCustomer } from './types.ts';

const N = 20_000;
const file = [...generateCustomers({ seed: 7, n: N })];
const byId = new Map(file.map((c) => [c.id, c]));
const share = (pred: (c: GenCustomer) => boolean, rows = file): number =>
  rows.filter(pred).length / rows.length;

describe('generateCustomers', () => {
  it('is deterministic: same seed, same file; another seed, another file', () => {
    const again = [...generateCustomers({ seed: 7, n: 2_000 })];
    expect([...generateCustomers({ seed: 7, n: 2_000 })]).toEqual(again);
    expect([...generateCustomers({ seed: 8, n: 2_000 })]).not.toEqual(again);
  });

  it('yields exactly n records with sequential ids, numbers and rising creation times', () => {
    expect(file).toHaveLength(N);
    file.forEach((c, i) => {
      expect(c.number).toBe(i + 1);
      expect(c.id).toBe(`g${String(i + 1).padStart(6, '0')}`);
    });
    for (let i = 1; i < file.length; i++) expect(file[i]!.createdAt >= file[i - 1]!.createdAt).toBe(true);
    expect(file.at(-1)!.createdAt < '2026-11-01').toBe(true);
  });

  it('makes about duplicateRate of the records extra copies, in clusters of 2 to 4', () => {
    expect(share((c) => c.kind === 'duplicate')).toBeGreaterThan(0.1);
    expect(share((c) => c.kind === 'duplicate')).toBeLessThan(0.14);
    const sizes = new Map<string, number>();
    for (const c of file) sizes.set(c.entityId, (sizes.get(c.entityId) ?? 0) + 1);
    const clusters = [...sizes.values()].filter((s) => s > 1);
    expect(Math.max(...clusters)).toBeLessThanOrEqual(4);
    expect(clusters.filter((s) => s === 2).length / clusters.length).toBeGreaterThan(0.7);
    const low = [...generateCustomers({ seed: 7, n: 5_000, duplicateRate: 0.03 })];
    expect(share((c) => c.kind === 'duplicate', low)).toBeLessThan(0.05);
  });

  it('labels the truth consistently: every duplicate follows an original of its entity', () => {
    const firstOfEntity = new Map<string, GenCustomer>();
    for (const c of file) {
      const first = firstOfEntity.get(c.entityId);
      if (c.kind === 'duplicate') {
        expect(first, c.id).toBeDefined();
        expect(first!.kind).not.toBe('duplicate');
      } else {
        expect(first, `${c.id} starts a new entity`).toBeUndefined();
        firstOfEntity.set(c.entityId, c);
      }
    }
  });

  it('gives hard negatives their own entity and points them at an earlier look-alike', () => {
    const negatives = file.filter((c) => c.hardNegativeOf !== undefined);
    for (const kind of ['household', 'twin', 'father_son', 'common_name'] as const) {
      expect(negatives.filter((c) => c.kind === kind).length, kind).toBeGreaterThan(10);
    }
    for (const c of negatives) {
      const other = byId.get(c.hardNegativeOf!);
      expect(other, c.id).toBeDefined();
      expect(other!.number).toBeLessThan(c.number);
      expect(other!.entityId).not.toBe(c.entityId);
      const digits = (s: string | null) => s?.replace(/\D/g, '').slice(-8) ?? null;
      if (c.kind === 'twin') {
        expect(c.birthDate).toBe(other!.birthDate);
        expect(c.lastName).toBe(other!.lastName);
        expect(c.firstName).not.toBe(other!.firstName);
        expect(digits(c.mobile)).toBe(digits(other!.mobile));
      }
      if (c.kind === 'father_son') {
        if (c.street !== null && other!.street !== null) expect(c.street).toBe(other!.street);
        expect(c.lastName!.startsWith(other!.lastName!)).toBe(true);
        const years = Number(c.birthDate?.slice(0, 4) ?? 0) - Number(other!.birthDate?.slice(0, 4) ?? 0);
        if (c.birthDate && other!.birthDate) expect(years).toBeGreaterThanOrEqual(24);
      }
      if (c.kind === 'household' && c.gender === 'child') {
        expect(c.firstName).not.toBe(other!.firstName);
        expect(digits(c.mobile)).toBe(digits(other!.mobile));
      }
      if (c.kind === 'common_name') {
        const name = (x: GenCustomer) => `${x.firstName} ${x.lastName}`.toLowerCase();
        expect(name(c)).toBe(name(other!));
      }
    }
  });

  it('shows look-alikes their address as often as any record', () => {
    const lookAlikes = file.filter((c) => c.hardNegativeOf !== undefined && c.kind !== 'common_name');
    expect(share((c) => c.street !== null, lookAlikes)).toBeLessThan(0.5);
  });

  it('fills fields as often as salons do', () => {
    expect(share((c) => c.mobile !== null)).toBeGreaterThan(0.8);
    expect(share((c) => c.mobile !== null)).toBeLessThan(0.9);
    expect(share((c) => c.email !== null)).toBeGreaterThan(0.63);
    expect(share((c) => c.email !== null)).toBeLessThan(0.77);
    expect(share((c) => c.birthDate !== null)).toBeGreaterThan(0.34);
    expect(share((c) => c.birthDate !== null)).toBeLessThan(0.46);
    expect(share((c) => c.street !== null)).toBeGreaterThan(0.29);
    expect(share((c) => c.street !== null)).toBeLessThan(0.41);
  });

  it('writes phones in many forms and covers every error of the model', () => {
    const forms = new Set(file.map((c) => c.mobile?.replace(/\d/g, '9')).filter(Boolean));
    expect(forms.size).toBeGreaterThan(8);
    const variants = new Set(file.map((c) => c.variant).filter(Boolean));
    for (const v of [
      'online_new_email',
      'typo',
      'phonetic',
      'nickname',
      'swapped',
      'marriage',
      'particle',
      'case',
      'import',
      'email_typo_domain',
      'email_dots',
      'sparse',
      'new_phone',
      'birth_date_error',
    ]) {
      expect(variants, v).toContain(v);
    }
  });

  it('never gives one mailbox to two people, except a household sharing its family address', () => {
    const owners = new Map<string, Set<string>>();
    for (const c of file) {
      if (c.email === null) continue;
      const key = c.email.toLowerCase().replace(/\+[^@]*@/, '@');
      owners.set(key, (owners.get(key) ?? new Set()).add(c.entityId));
    }
    const shared = [...owners.entries()].filter(([, e]) => e.size > 1);
    for (const [email, entities] of shared) {
      const kinds = new Set(file.filter((c) => entities.has(c.entityId)).map((c) => c.kind));
      expect(kinds.has('household'), email).toBe(true);
    }
  });

  it('keeps surnames as rare as in a real population', () => {
    const adults = file.filter((c) => c.kind === 'original' && c.lastName !== null);
    const counts = new Map<string, number>();
    for (const c of adults)
      counts.set(c.lastName!.toLowerCase(), (counts.get(c.lastName!.toLowerCase()) ?? 0) + 1);
    const top = Math.max(...counts.values()) / adults.length;
    expect(top).toBeLessThan(0.02);
    expect(counts.size).toBeGreaterThan(adults.length / 4);
  });

  it('gives every region a long tail of rare surnames, Germany included', () => {
    // Two people drawn from a region's tail share a surname about once in this many pairs.
    const pairsPerShared = (['vl', 'wa', 'nl', 'de'] as const).map(
      (r) => 1 / NAMES[r].surnames.tailAgreement(),
    );
    for (const pairs of pairsPerShared) expect(pairs).toBeGreaterThan(25_000);
    expect(Math.max(...pairsPerShared) / Math.min(...pairsPerShared)).toBeLessThan(1.5);
  });

  it('serves every country', () => {
    for (const country of ['NL', 'DE'] as const) {
      const rows = [...generateCustomers({ seed: 1, n: 500, country })];
      expect(rows.every((c) => c.country === country)).toBe(true);
    }
    const mixed = new Set(
      [...generateCustomers({ seed: 1, n: 1_000, country: 'mixed' })].map((c) => c.country),
    );
    expect([...mixed].sort()).toEqual(['BE', 'DE', 'NL']);
  });
});
