/**
 * The customer file as a stream: records in creation order, each new person followed later in the
 * file by their duplicates and look-alikes. Only records still waiting for their slot are held in
 * memory, so a million customers stream in a few seconds.
 */
import { SlotHeap } from './heap.ts';
import { fatherAndSon, household, isCommonName, twins } from './hardNegatives.ts';
import type { HardNegativeGroup } from './hardNegatives.ts';
import { makeCopy } from './duplicates.ts';
import { Mailboxes } from './emails.ts';
import type { Region } from './names.ts';
import { makePerson } from './person.ts';
import type { PersonContext } from './person.ts';
import { Rng, hashSeed } from './random.ts';
import { displayName, pickSource, renderRecord } from './render.ts';
import type { Draft } from './render.ts';
import type { GenCustomer, GenGender, GenOptions } from './types.ts';

export const DEFAULT_NOW = new Date('2026-11-01T00:00:00Z');
export const DEFAULT_DUPLICATE_RATE = 0.12;

/** Chance that a new person comes with a look-alike of each kind (each adds one record). */
const HARD_NEGATIVE_RATES = { household: 0.04, twins: 0.005, fatherSon: 0.006, commonName: 0.02 };
/** Extra records per person from look-alikes (common names replace a person, they add none). */
const LOOK_ALIKES_PER_PERSON =
  HARD_NEGATIVE_RATES.household + HARD_NEGATIVE_RATES.twins + HARD_NEGATIVE_RATES.fatherSon;
/** Cluster sizes 2, 3, 4 with these weights; the mean number of copies per duplicated person follows. */
const EXTRA_COPIES = { 1: 80, 2: 15, 3: 5 } as const;
const MEAN_COPIES = (1 * 80 + 2 * 15 + 3 * 5) / 100;

export const recordId = (slot: number): string => `g${String(slot + 1).padStart(6, '0')}`;
const entityIdOf = (n: number): string => `e${String(n).padStart(7, '0')}`;

/** A record placed by the caller at a fixed slot (the demo salon's seed case). */
export interface FixedRecord {
  draft: Draft;
  createdAt: string;
  newsletterConsentAt: string | null;
}

interface CommonNameHolder {
  id: string;
  region: Region;
  firstName: string;
  lastName: string;
  gender: GenGender;
}

const DAY_MS = 86_400_000;

/**
 * Creation times rise evenly through the file; within a day they fall between 08:00 and 20:00, so
 * customer numbers and creation times always agree.
 */
function timeline(n: number, since: Date, now: Date, rng: Rng): (slot: number) => string {
  const startDay = Math.floor(since.getTime() / DAY_MS);
  const days = Math.max(1, Math.floor(now.getTime() / DAY_MS) - startDay);
  return (slot) => {
    const position = ((slot + rng.next()) / n) * days;
    const day = Math.floor(position);
    const ms = (startDay + day) * DAY_MS + 8 * 3_600_000 + (position - day) * 12 * 3_600_000;
    return new Date(Math.floor(ms / 1000) * 1000).toISOString();
  };
}

export function generateCustomers(opts: GenOptions): Iterable<GenCustomer> {
  return generateWithFixed(opts, new Map());
}

export function* generateWithFixed(
  opts: GenOptions,
  fixed: ReadonlyMap<number, FixedRecord>,
): Generator<GenCustomer> {
  const n = opts.n;
  const now = opts.now ?? DEFAULT_NOW;
  const since =
    opts.since ?? new Date(Date.UTC(now.getUTCFullYear() - 12, now.getUTCMonth(), now.getUTCDate()));
  const duplicateRate = opts.duplicateRate ?? DEFAULT_DUPLICATE_RATE;
  const rng = new Rng(hashSeed(opts.seed, 0x6e6e));
  const timeRng = new Rng(hashSeed(opts.seed, 0x7173));
  const createdAt = timeline(n, since, now, timeRng);
  const ctx: PersonContext = {
    country: opts.country ?? 'BE',
    flandersOnly: opts.flandersOnly ?? false,
    nowYear: now.getUTCFullYear(),
    mailboxes: new Mailboxes(),
  };
  // d = p·m / (1 + p·m + h)  ⇒  p = d(1 + h) / (m(1 − d))
  const copyChance = Math.min(
    1,
    (duplicateRate * (1 + LOOK_ALIKES_PER_PERSON)) / (MEAN_COPIES * (1 - duplicateRate)),
  );
  const sinceMs = since.getTime();
  const spanMs = now.getTime() - sinceMs;
  /** People are born relative to when their record is made, not to the file's "now". */
  const contextAt = (slot: number): PersonContext => ({
    ...ctx,
    nowYear: new Date(sinceMs + (slot / n) * spanMs).getUTCFullYear(),
  });
  const pending = new SlotHeap<Draft>();
  const commonNames: CommonNameHolder[] = [];
  let entities = 0;
  const newEntity = (): string => entityIdOf(++entities);

  /** A slot for a record created after `slot`: near for twins, anywhere later (skewed early) otherwise. */
  const laterSlot = (slot: number, soon: boolean): number => {
    const remaining = n - slot - 1;
    const span = soon ? Math.min(remaining, 20) : Math.min(remaining, Math.max(50, Math.floor(n / 3)));
    return slot + 1 + Math.floor(Math.pow(rng.next(), 1.6) * span);
  };
  const schedule = (slot: number, draft: Draft, soon: boolean): void => {
    const target = laterSlot(slot, soon);
    if (target < n) pending.push(target, draft);
  };

  const freshRecord = (slot: number, id: string): Draft => {
    const ctx = contextAt(slot); // ages as of this record's creation
    const r = rng.next();
    let group: HardNegativeGroup | null = null;
    let t = HARD_NEGATIVE_RATES.household;
    if (r < t) group = household(newEntity, ctx, rng);
    else if (r < (t += HARD_NEGATIVE_RATES.twins)) group = twins(newEntity, ctx, rng);
    else if (r < (t += HARD_NEGATIVE_RATES.fatherSon)) group = fatherAndSon(newEntity, ctx, rng);

    let draft: Draft;
    let person;
    if (group !== null) {
      person = group.anchorPerson;
      draft = group.anchor;
      for (const l of group.lookAlikes) {
        l.draft.hardNegativeOf = id;
        schedule(slot, l.draft, l.when === 'soon');
      }
    } else if (r < t + HARD_NEGATIVE_RATES.commonName && commonNames.length > 0) {
      const holder = commonNames[Math.floor(rng.next() * commonNames.length)] as CommonNameHolder;
      person = makePerson(newEntity(), ctx, rng, {
        region: holder.region,
        gender: holder.gender,
        firstName: holder.firstName,
        lastName: holder.lastName,
      });
      draft = renderRecord(person, pickSource(rng), rng);
      draft.firstName = person.firstName;
      draft.lastName = person.lastName;
      draft.displayName = displayName(draft.firstName, draft.lastName);
      draft.kind = 'common_name';
      draft.hardNegativeOf = holder.id;
    } else {
      person = makePerson(newEntity(), ctx, rng);
      draft = renderRecord(person, pickSource(rng), rng);
      const typedAsIs = draft.lastName?.toLowerCase() === person.lastName.toLowerCase();
      if (typedAsIs && isCommonName(person.region, person.firstName, person.lastName)) {
        const holder = {
          id,
          region: person.region,
          firstName: person.firstName,
          lastName: person.lastName,
          gender: person.gender,
        };
        if (commonNames.length < 2000) commonNames.push(holder);
        else commonNames[Math.floor(rng.next() * commonNames.length)] = holder;
      }
    }

    if (rng.chance(copyChance)) {
      const copies = Number(rng.weighted(EXTRA_COPIES));
      for (let i = 0; i < copies; i++)
        schedule(slot, makeCopy(person, ctx.nowYear, rng, ctx.mailboxes), false);
    }
    return draft;
  };

  for (let slot = 0; slot < n; slot++) {
    const id = recordId(slot);
    const fixedRecord = fixed.get(slot);
    if (fixedRecord !== undefined) {
      yield {
        id,
        number: slot + 1,
        ...fixedRecord.draft,
        createdAt: fixedRecord.createdAt,
        newsletterConsentAt: fixedRecord.newsletterConsentAt,
      };
      continue;
    }
    const due = pending.peekSlot() <= slot || pending.size >= n - slot;
    const draft = due ? (pending.pop() as Draft) : freshRecord(slot, id);
    const at = createdAt(slot);
    yield {
      id,
      number: slot + 1,
      ...draft,
      createdAt: at,
      newsletterConsentAt: draft.newsletterConsent === null ? null : consentTime(at, now, rng),
    };
  }
}

/** Consent is mostly given when the profile is made, sometimes on a later visit. */
function consentTime(createdAt: string, now: Date, rng: Rng): string {
  if (rng.chance(0.7)) return createdAt;
  const from = Date.parse(createdAt);
  const at = from + Math.floor(rng.next() * (now.getTime() - from));
  return new Date(Math.floor(at / 1000) * 1000).toISOString();
}
