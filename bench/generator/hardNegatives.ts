/**
 * Hard negatives: different people whose records look alike because they share a household, a
 * birthday or a name (BRIEF "Duplicates": the matcher must know these are not duplicates). Each
 * builder returns the anchor record, shown first, and the look-alike records of other people.
 */
import { familyEmail, pickProvider } from './emails.ts';
import { NAMES } from './names.ts';
import type { Region } from './names.ts';
import { makePerson, randomDate, yearOf } from './person.ts';
import type { Person, PersonContext } from './person.ts';
import { makeLandline, makeMobile, writePhone } from './phones.ts';
import type { Phone } from './phones.ts';
import type { Rng } from './random.ts';
import { formsOfOneName } from './spelling.ts';
import { displayName, pickSource, renderRecord } from './render.ts';
import type { Draft } from './render.ts';
import type { GenKind, GenSource } from './types.ts';

export interface LookAlike {
  draft: Draft;
  /** Created soon after the anchor (twins come in together) or at any later time. */
  when: 'soon' | 'later';
}

export interface HardNegativeGroup {
  anchorPerson: Person;
  anchor: Draft;
  lookAlikes: LookAlike[];
}

/** Overwrites a record's contact fields with a shared phone, written as that record's door writes it. */
function sharePhone(d: Draft, phone: Phone, rng: Rng): void {
  d.mobile = writePhone(
    phone,
    d.source === 'online' ? 'online' : d.source === 'import' ? 'import' : 'desk',
    rng,
  );
}

function asKind(d: Draft, kind: GenKind): Draft {
  d.kind = kind;
  d.displayName = displayName(d.firstName, d.lastName);
  return d;
}

/**
 * A given name for a sibling or child that is not a form of `not`: parents do not call twins Maria and
 * Mia, and a child named after its parent is the father-and-son case, made separately.
 */
function otherName(list: { pick(rng: Rng): string }, not: string, rng: Rng): string {
  let name = list.pick(rng);
  for (let i = 0; i < 8 && formsOfOneName(name, not); i++) name = list.pick(rng);
  return formsOfOneName(name, not) ? `${name}a` : name;
}

/**
 * A parent and a child booked on the parent's mobile (and often e-mail and address), or a partner
 * sharing the home address, landline and sometimes the family e-mail.
 */
export function household(newEntity: () => string, ctx: PersonContext, rng: Rng): HardNegativeGroup {
  if (rng.chance(0.65)) {
    const childBirth = randomDate(ctx.nowYear - rng.int(2, 16), rng);
    const parentBirth = randomDate(yearOf(childBirth) - rng.int(25, 40), rng);
    const parent = makePerson(newEntity(), ctx, rng, {
      gender: rng.chance(0.85) ? 'female' : 'male',
      birthDate: parentBirth,
    });
    if (parent.mobile === null) parent.mobile = makeMobile(parent.country, rng);
    const names = NAMES[parent.region];
    const child = makePerson(newEntity(), ctx, rng, {
      region: parent.region,
      gender: 'child',
      firstName: otherName(names.child, parent.firstName, rng),
      lastName: rng.chance(0.75) ? parent.lastName : names.surnames.pick(rng),
      birthDate: childBirth,
      town: parent.town,
      address: parent.address,
    });
    const anchor = renderRecord(parent, pickSource(rng), rng);
    if (anchor.mobile === null) sharePhone(anchor, parent.mobile, rng);
    const d = renderRecord(child, rng.chance(0.7) ? 'staff' : 'online', rng);
    sharePhone(d, parent.mobile, rng);
    d.email = parent.email !== null && rng.chance(0.6) ? parent.email : null;
    return { anchorPerson: parent, anchor, lookAlikes: [{ draft: asKind(d, 'household'), when: 'later' }] };
  }
  const first = makePerson(newEntity(), ctx, rng);
  if (first.landline === null) first.landline = makeLandline(first.country, first.town.areaCode, rng);
  const names = NAMES[first.region];
  const gender = first.gender === 'female' ? 'male' : 'female';
  const partner = makePerson(newEntity(), ctx, rng, {
    region: first.region,
    gender,
    firstName: otherName(gender === 'male' ? names.male : names.female, first.firstName, rng),
    lastName: rng.chance(0.4) ? first.lastName : names.surnames.pick(rng),
    birthDate: randomDate(yearOf(first.birthDate) + rng.int(-6, 6), rng),
    town: first.town,
    address: first.address,
  });
  partner.landline = first.landline;
  if (rng.chance(0.3)) {
    let shared = familyEmail(first.lastName, pickProvider(first.region, rng), rng);
    if (ctx.mailboxes !== undefined) shared = ctx.mailboxes.claim(shared, rng);
    first.email = shared;
    partner.email = shared;
  }
  if (rng.chance(0.2)) partner.mobile = first.mobile;
  const anchor = renderRecord(first, pickSource(rng), rng);
  const d = renderRecord(partner, pickSource(rng), rng);
  if (partner.mobile === first.mobile && first.mobile !== null) {
    sharePhone(anchor, first.mobile, rng);
    sharePhone(d, first.mobile, rng);
  }
  return { anchorPerson: first, anchor, lookAlikes: [{ draft: asKind(d, 'household'), when: 'later' }] };
}

/** Twins: same last name, birth date, address and phone; different first names. */
export function twins(newEntity: () => string, ctx: PersonContext, rng: Rng): HardNegativeGroup {
  const children = rng.chance(0.5);
  const birthDate = randomDate(ctx.nowYear - (children ? rng.int(4, 16) : rng.int(18, 45)), rng);
  const gender = children ? 'child' : rng.chance(0.6) ? 'female' : 'male';
  const a = makePerson(newEntity(), ctx, rng, { gender, birthDate });
  const names = NAMES[a.region];
  const list = gender === 'child' ? names.child : gender === 'male' ? names.male : names.female;
  const b = makePerson(newEntity(), ctx, rng, {
    region: a.region,
    gender: children || rng.chance(0.5) ? gender : gender === 'female' ? 'male' : 'female',
    firstName: otherName(list, a.firstName, rng),
    lastName: a.lastName,
    birthDate,
    town: a.town,
    address: a.address,
  });
  const phone = a.mobile ?? makeMobile(a.country, rng);
  const source: GenSource = rng.chance(0.7) ? 'staff' : 'online';
  const anchor = renderRecord(a, source, rng);
  const d = renderRecord(b, source, rng);
  for (const record of [anchor, d]) {
    sharePhone(record, phone, rng);
    record.birthDate = birthDate;
    record.lastName = a.lastName;
  }
  return { anchorPerson: a, anchor, lookAlikes: [{ draft: asKind(d, 'twin'), when: 'soon' }] };
}

/**
 * Father and son with the same full name and home, a generation apart; the son maybe "Jr". Like every
 * look-alike, their records show the shared home only where the door that made them records addresses.
 */
export function fatherAndSon(newEntity: () => string, ctx: PersonContext, rng: Rng): HardNegativeGroup {
  const sonBirth = randomDate(ctx.nowYear - rng.int(16, 40), rng);
  const father = makePerson(newEntity(), ctx, rng, {
    gender: 'male',
    birthDate: randomDate(yearOf(sonBirth) - rng.int(25, 35), rng),
  });
  if (father.landline === null && rng.chance(0.6))
    father.landline = makeLandline(father.country, father.town.areaCode, rng);
  const son = makePerson(newEntity(), ctx, rng, {
    region: father.region,
    gender: 'male',
    firstName: father.firstName,
    lastName: father.lastName,
    birthDate: sonBirth,
    town: father.town,
    address: father.address,
  });
  son.landline = father.landline;
  if (rng.chance(0.15)) son.mobile = father.mobile;
  const anchor = renderRecord(father, pickSource(rng), rng);
  const d = renderRecord(son, pickSource(rng), rng);
  anchor.lastName = father.lastName;
  d.lastName = father.lastName;
  d.firstName = father.firstName;
  const r = rng.next();
  if (r < 0.15) d.lastName = `${father.lastName} Jr`;
  else if (r < 0.25) d.firstName = `${father.firstName} jr.`;
  return { anchorPerson: father, anchor, lookAlikes: [{ draft: asKind(d, 'father_son'), when: 'later' }] };
}

/** The most common first names and surnames per region: where distinct people share a full name. */
const COMMON = new Map<Region, { first: Set<string>; last: Set<string> }>();
for (const region of ['vl', 'wa', 'nl', 'de'] as const) {
  const n = NAMES[region];
  COMMON.set(region, {
    first: new Set([...n.female.items.slice(0, 6), ...n.male.items.slice(0, 6)]),
    last: new Set(n.surnames.items.slice(0, 6)),
  });
}

export function isCommonName(region: Region, firstName: string, lastName: string): boolean {
  const c = COMMON.get(region);
  return c !== undefined && c.first.has(firstName) && c.last.has(lastName);
}
