/** The stored form of match features and the bulk read of it: exact round trips, stale layouts refused. */
import { describe, expect, it } from 'vitest';
import { prepareRecord } from '../../core/matching/index.ts';
import { decodeFeatureList, decodeFeatures, encodeFeatures, isCurrentLayout } from './features.ts';
import { parseFeatureCopy } from './scan.repository.ts';

const full = prepareRecord(
  {
    id: 'c1',
    firstName: 'Marie-Louise',
    lastName: 'Van den Broeck',
    gender: 'female',
    email: 'Marie.Louise+salon@gmail.com',
    mobile: '0475 88 88 88',
    landline: '03 456 78 90',
    phone2: null,
    birthDate: '1988-06-14',
    street: 'Grote Steenweg',
    houseNumber: '12 bus 3',
    postalCode: '2600',
    city: 'Berchem',
    country: 'BE',
    extraEmails: ['mlvdb@telenet.be'],
    extraPhones: [],
  },
  { defaultCountry: 'BE' },
);
const empty = prepareRecord({
  id: 'c2',
  firstName: 'J.',
  lastName: null,
  gender: null,
  email: null,
  mobile: null,
  landline: null,
  phone2: null,
  birthDate: null,
  street: null,
  houseNumber: null,
  postalCode: null,
  city: null,
  country: null,
});

describe('stored match features', () => {
  it('decode to exactly the prepared record, for full and nearly empty customers', () => {
    for (const record of [full, empty]) {
      const text = encodeFeatures(record);
      expect(text).not.toMatch(/[\n\t,"]/);
      expect(decodeFeatures(record.id, text)).toEqual(record);
    }
    expect(full.phones.length).toBe(2);
    expect(full.emails.length).toBe(2);
  });

  it('decode in bulk to the same records, sharing equal values', () => {
    const records = [full, empty, { ...full, id: 'c3' }, { ...empty, id: 'c4' }];
    const list = decodeFeatureList(
      records.map((r) => r.id),
      records.map(encodeFeatures),
    );
    expect(list).toEqual(records);
    expect(list[2]!.firstKeys).toBe(list[0]!.firstKeys);
    expect(list[3]!.emails).toBe(list[1]!.emails);
    expect(() => decodeFeatureList(['c1'], [`x${encodeFeatures(full)}`])).toThrow();
  });

  it('refuse text written under another layout', () => {
    const text = encodeFeatures(full);
    expect(isCurrentLayout(text)).toBe(true);
    expect(isCurrentLayout(`x${text}`)).toBe(false);
    expect(decodeFeatures('c1', `x${text}`)).toBeNull();
    expect(decodeFeatures('c1', text.split('\u001f').slice(0, -1).join('\u001f'))).toBeNull();
  });

  it('write control characters inside values as spaces, so a value cannot split a row', () => {
    const text = encodeFeatures({ ...full, street: 'a\u001fb\nc' });
    expect(decodeFeatures('c1', text)?.street).toBe('a b c');
  });
});

describe('parseFeatureCopy', () => {
  it('splits COPY text lines and undoes its backslash escapes', () => {
    const rows = parseFeatureCopy('id-1\tabc\nid-2\ta\\\\b\\tc\n');
    expect(rows).toEqual({ ids: ['id-1', 'id-2'], texts: ['abc', 'a\\b\tc'] });
    expect(parseFeatureCopy('')).toEqual({ ids: [], texts: [] });
  });
});
