import { describe, expect, it } from 'vitest';
import { reasonBars } from './reasonBars.ts';

describe('reasonBars', () => {
  it('scales every bar to the strongest weight and tells evidence for from evidence against', () => {
    const bars = reasonBars([
      { field: 'phone', level: 'exact', weight: 12, sentence: 'Same mobile number' },
      { field: 'email', level: 'different', weight: -3, sentence: 'Different e-mail addresses' },
      { field: 'gender', level: 'same', weight: 0.01, sentence: 'Same gender' },
    ]);
    expect(bars.map((b) => [b.field, b.direction, b.length])).toEqual([
      ['phone', 'for', 1],
      ['email', 'against', 0.25],
      ['gender', 'neutral', 0.01 / 12],
    ]);
  });

  it('does not blow small weights up to full width', () => {
    const [bar] = reasonBars([{ field: 'place', level: 'city', weight: 0.5, sentence: 'Same town' }]);
    expect(bar?.length).toBe(0.5);
  });
});
