import { describe, expect, it } from 'vitest';
import { normaliseCity, normalisePostalCode, normaliseStreet, parseHouseNumber } from './address.ts';
import { compareBirthDates, parseBirthDate } from './birthDate.ts';
import { canonicalEmail } from './email.ts';
import { normaliseFirstName, normaliseLastName } from './names.ts';
import { areNicknames, nicknameGroups, NICKNAME_GROUP_COUNT } from './nicknames.ts';
import { classifyPhone, normalisePhone } from './phone.ts';
import { cologneKey, dutchKey, metaphoneKey } from './phonetic.ts';
import { jaroWinkler } from './similarity.ts';

describe('names', () => {
  it('folds case, spacing, accents and umlauts', () => {
    expect(normaliseLastName('Müller')?.full).toBe(normaliseLastName('MUELLER')?.full);
    expect(normaliseLastName('Muller')?.full).toBe('muller');
    expect(normaliseLastName('Strauß')?.full).toBe('strauss');
    expect(normaliseLastName('Sørensen')?.full).toBe('sorensen');
    expect(normaliseFirstName('Hélène')?.full).toBe('helene');
    expect(normaliseFirstName('Marie-Louise')?.full).toBe(normaliseFirstName('marie louise')?.full);
  });
  it('treats particles and compound surnames alike', () => {
    const a = normaliseLastName('Van den Broeck');
    expect(normaliseLastName('Vandenbroeck')?.full).toBe(a?.full);
    expect(normaliseLastName('Broeck, van den')?.full).toBe(a?.full);
    expect(normaliseLastName('van den broeck')?.core).toBe(a?.core);
    expect(a?.core).toBe(normaliseLastName('Broeck')?.full);
    expect(normaliseLastName('de Vries')?.core).toBe('vries');
    expect(normaliseLastName('von der Heide')?.core).toBe('heide');
    expect(normaliseLastName('Van der Meulen')?.full).toBe(normaliseLastName('Vandermeulen')?.full);
    expect(normaliseLastName('Desmet')?.core).toBe(normaliseLastName('De Smet')?.core);
  });
  it('recognises initials', () => {
    expect(normaliseFirstName('J.')?.initialOnly).toBe(true);
    expect(normaliseFirstName('Jan')?.initialOnly).toBe(false);
  });
});

describe('nicknames', () => {
  const nick = (a: string, b: string): boolean => areNicknames(nicknameGroups(a), nicknameGroups(b));
  it('links formal names to their short forms', () => {
    expect(nick('elisabeth', 'liesbeth')).toBe(true);
    expect(nick('els', 'betty')).toBe(true);
    expect(nick('johannes', 'hans')).toBe(true);
    expect(nick('jan', 'johan')).toBe(true);
    expect(nick('catharina', 'katrien')).toBe(true);
    expect(nick('wilhelmus', 'wim')).toBe(true);
    expect(nick('margaretha', 'greet')).toBe(true);
    expect(nick('hendrik', 'henk')).toBe(true);
    expect(nick('jacobus', 'jaap')).toBe(true);
    expect(nick('robert', 'bob')).toBe(true);
    expect(nick('william', 'bill')).toBe(true);
    expect(nick('jozef', 'jef')).toBe(true);
  });
  it('does not link unrelated names', () => {
    expect(nick('jacobus', 'koen')).toBe(false);
    expect(nick('robert', 'albert')).toBe(false);
    expect(nick('jan', 'piet')).toBe(false);
    expect(NICKNAME_GROUP_COUNT).toBeGreaterThan(150);
  });
});

describe('phonetic keys', () => {
  it('Double Metaphone and Kölner Phonetik', () => {
    expect(metaphoneKey('stephanie')).toBe(metaphoneKey('stefanie'));
    expect(cologneKey('meier')).toBe(cologneKey('mayer'));
    expect(cologneKey('schmidt')).toBe(cologneKey('schmitt'));
  });
  it('Dutch spelling rules', () => {
    expect(dutchKey('wachters')).toBe(dutchKey('wahters'));
    expect(dutchKey('meijer')).toBe(dutchKey('meyer'));
    expect(dutchKey('claes')).toBe(dutchKey('claas'));
    expect(dutchKey('philips')).toBe(dutchKey('filips'));
    expect(dutchKey('goossens')).toBe(dutchKey('hoosens'));
    expect(dutchKey('de smedt')).toBe(dutchKey('desmet'));
    expect(dutchKey('peeters')).not.toBe(dutchKey('pieters'));
  });
  it('Jaro-Winkler', () => {
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.961, 2);
    expect(jaroWinkler('abc', 'abc')).toBe(1);
    expect(jaroWinkler('', 'abc')).toBe(0);
  });
});

describe('phones', () => {
  it('reads Belgian numbers in every form', () => {
    for (const raw of ['0475 888 888', '0475/88.88.88', '+32 475 88 88 88', '0032475888888', '0475888888']) {
      expect(normalisePhone(raw, 'BE')).toBe('+32475888888');
    }
  });
  it('reads Dutch and German numbers and honours the row country', () => {
    expect(normalisePhone('06-12345678', 'NL')).toBe('+31612345678');
    expect(normalisePhone('0171 1234567', 'DE')).toBe('+491711234567');
    expect(normalisePhone('+31 6 12345678', 'BE')).toBe('+31612345678');
  });
  it('rejects invalid numbers and classifies mobile vs fixed', () => {
    expect(normalisePhone('12', 'BE')).toBeNull();
    expect(normalisePhone('n/a', 'BE')).toBeNull();
    expect(classifyPhone('0475 88 88 88', 'BE')).toBe('mobile');
    expect(classifyPhone('09 223 45 67', 'BE')).toBe('fixed');
    expect(classifyPhone('030 1234567', 'DE')).toBe('fixed');
  });
});

describe('e-mails', () => {
  it('lower-cases, trims and applies provider aliases', () => {
    expect(canonicalEmail('  Stephanie.Wachters@Telenet.be ')?.address).toBe('stephanie.wachters@telenet.be');
    expect(canonicalEmail('s.t.e.f+salon@googlemail.com')?.address).toBe('stef@gmail.com');
    expect(canonicalEmail('els+kapper@hotmail.be')?.address).toBe('els@hotmail.be');
    expect(canonicalEmail('jan.peeters+x@telenet.be')?.address).toBe('jan.peeters+x@telenet.be');
  });
  it('fixes typo domains', () => {
    expect(canonicalEmail('an@hotmial.com')?.address).toBe('an@hotmail.com');
    expect(canonicalEmail('an@gmial.com')?.address).toBe('an@gmail.com');
    expect(canonicalEmail('an@gamil.com')?.address).toBe('an@gmail.com');
    expect(canonicalEmail('an@telnet.be')?.address).toBe('an@telenet.be');
    expect(canonicalEmail('an@skynet.b')?.address).toBe('an@skynet.be');
    expect(canonicalEmail('an@yahooo.com')?.address).toBe('an@yahoo.com');
    expect(canonicalEmail('an@outlok.com')?.address).toBe('an@outlook.com');
  });
  it('rejects invalid addresses', () => {
    expect(canonicalEmail('geen')).toBeNull();
    expect(canonicalEmail('an@')).toBeNull();
    expect(canonicalEmail('an@telenet')).toBeNull();
  });
});

describe('birth dates', () => {
  it('parses ISO and European forms', () => {
    expect(parseBirthDate('1985-03-07')?.digits).toBe('19850307');
    expect(parseBirthDate('07.03.1985')?.digits).toBe('19850307');
    expect(parseBirthDate('7/3/1985')?.digits).toBe('19850307');
    expect(parseBirthDate('07-03-1985')?.digits).toBe('19850307');
    expect(parseBirthDate('1847-72-03')?.valid).toBe(false);
    expect(parseBirthDate('gisteren')).toBeNull();
  });
  it('grades differences', () => {
    const cmp = (a: string, b: string): string =>
      compareBirthDates(
        parseBirthDate(a) ?? { digits: '', year: 0, valid: false },
        parseBirthDate(b) ?? { digits: '', year: 0, valid: false },
      );
    expect(cmp('1985-03-07', '07.03.1985')).toBe('exact');
    expect(cmp('1985-03-07', '1985-07-03')).toBe('swapped');
    expect(cmp('1985-03-07', '1985-03-08')).toBe('oneDigit');
    expect(cmp('1985-03-07', '1958-03-07')).toBe('oneDigit');
    expect(cmp('1985-03-07', '1985-11-22')).toBe('sameYear');
    expect(cmp('1985-03-07', '1990-11-22')).toBe('different');
    expect(cmp('1960-03-07', '1990-11-22')).toBe('farApart');
  });
});

describe('addresses', () => {
  it('spells street abbreviations out the same way', () => {
    expect(normaliseStreet('Kerkstraat')).toBe(normaliseStreet('Kerkstr.'));
    expect(normaliseStreet('Brusselsesteenweg')).toBe(normaliseStreet('Brusselse Stwg'));
    expect(normaliseStreet('Hauptstraße')).toBe(normaliseStreet('Hauptstr.'));
    expect(normaliseStreet('Hauptstrasse')).toBe(normaliseStreet('Hauptstr'));
    expect(normaliseStreet('Stationslaan')).toBe(normaliseStreet('Stationsln'));
    expect(normaliseStreet('Marktplein')).toBe(normaliseStreet('Markt pl.'));
    expect(normaliseStreet('Avenue Louise')).toBe(normaliseStreet('av. Louise'));
    expect(normaliseStreet('Dorpsweg')).toBe('dorpswg');
  });
  it('splits house number and box', () => {
    expect(parseHouseNumber('12 bus 3')).toEqual({ number: '12', box: '3' });
    expect(parseHouseNumber('12/3')).toEqual({ number: '12', box: '3' });
    expect(parseHouseNumber('12 bte 3')).toEqual({ number: '12', box: '3' });
    expect(parseHouseNumber('12b')).toEqual({ number: '12', box: 'b' });
    expect(parseHouseNumber('12')).toEqual({ number: '12', box: '' });
  });
  it('normalises postal codes and towns', () => {
    expect(normalisePostalCode('B-9000')).toBe('9000');
    expect(normalisePostalCode('1012 ab')).toBe('1012AB');
    expect(normalisePostalCode('D-10115')).toBe('10115');
    expect(normaliseCity('Sint-Niklaas')).toBe(normaliseCity('St. Niklaas'));
  });
});
