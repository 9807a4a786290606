import { describe, expect, it } from 'vitest';
import { Rng, ZipfList, hashSeed } from './random.ts';

describe('Rng', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const seqA = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(seqA);
  });

  it('stays in range', () => {
    const rng = new Rng(1);
    for (let i = 0; i < 10_000; i++) {
      const x = rng.next();
      expect(x >= 0 && x < 1).toBe(true);
      const k = rng.int(3, 7);
      expect(k >= 3 && k <= 7).toBe(true);
    }
  });

  it('hashSeed mixes its parts', () => {
    expect(hashSeed(1, 2)).not.toBe(hashSeed(2, 1));
    expect(hashSeed(1, 2)).toBe(hashSeed(1, 2));
  });

  it('ZipfList picks the first items most often', () => {
    const list = new ZipfList(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
    const rng = new Rng(7);
    const counts: Record<string, number> = {};
    for (let i = 0; i < 20_000; i++) {
      const x = list.pick(rng);
      counts[x] = (counts[x] ?? 0) + 1;
    }
    expect(counts.a ?? 0).toBeGreaterThan(counts.d ?? 0);
    expect(counts.d ?? 0).toBeGreaterThan(counts.h ?? 0);
    expect(counts.h ?? 0).toBeGreaterThan(0);
  });
});
