/**
 * Blocking: which pairs are worth scoring. Each rule turns a record into zero or more keys; records that
 * share a key are candidate pairs. Keys are strings prefixed by the rule name ("ph:+32475888888"), so a
 * database table of (key, customer_id) answers "who could be a duplicate of this customer" with one
 * indexed lookup, and the in-memory block table below serves whole-file scans.
 */
import type { PreparedRecord } from './types.ts';

export interface BlockingRule {
  name: string;
  keys: (r: PreparedRecord) => string[];
  /**
   * Blocks of this rule larger than this are not expanded into pairs (default: the scan's
   * maxBlockSize). Weak keys (a name and a town) get a small limit: in a salon's file most customers
   * live in a few towns, and such a block would only add pairs of strangers.
   */
  maxBlock?: number;
}

/** E-mail names too generic to say anything about who wrote them. */
const GENERIC_LOCALS: ReadonlySet<string> = new Set([
  'info',
  'contact',
  'mail',
  'admin',
  'office',
  'hello',
  'post',
  'noreply',
]);

const present = (...parts: Array<string | null | undefined>): boolean =>
  parts.every((p) => p !== null && p !== undefined && p !== '');

const one = (...parts: Array<string | null | undefined>): string[] =>
  present(...parts) ? [parts.join('|')] : [];

/** Phonetic key (Double Metaphone) of a first / last name, '' when none. */
const fk = (r: PreparedRecord): string => r.firstKeys?.[0] ?? '';
const lk = (r: PreparedRecord): string => r.lastKeys?.[0] ?? '';
const initial = (s: string | null): string => s?.charAt(0) ?? '';
const year = (r: PreparedRecord): string => (r.birthYear > 0 ? String(r.birthYear) : '');

/** Both name keys of a record (first and last, Double Metaphone), for rules that accept either. */
const anyName = (r: PreparedRecord): string[] => {
  const f = fk(r);
  const l = lk(r);
  return f === '' ? (l === '' ? [] : [l]) : l === '' || l === f ? [f] : [f, l];
};

/** Largest usable block of a rule on names alone: beyond it, namesakes without other evidence. */
const NAME_BLOCK = 20;
/** Largest usable block of a weak rule (a name and a town, a birth date alone). */
const WEAK_BLOCK = 15;

/**
 * The rules, strongest first. Each catches duplicates the others miss: a new e-mail but the old phone,
 * a typo in the surname but the same birth date, first and last name swapped, a town typed with a typo
 * but the same postal code. A pair is generated once, by the first block it shares.
 */
export const BLOCKING_RULES: readonly BlockingRule[] = [
  { name: 'ph', keys: (r) => r.phones },
  { name: 'em', keys: (r) => r.emails },
  {
    name: 'el',
    keys: (r) => r.emailLocals.filter((l) => l.length >= 4 && !GENERIC_LOCALS.has(l)),
    maxBlock: NAME_BLOCK,
  },
  {
    // Sorted name keys: finds swapped first and last names too.
    name: 'nm',
    keys: (r) => (present(fk(r), lk(r)) ? [[fk(r), lk(r)].sort().join('|')] : []),
    maxBlock: NAME_BLOCK,
  },
  { name: 'lf', keys: (r) => one(r.lastKeys?.[3], initial(r.firstName)), maxBlock: NAME_BLOCK },
  { name: 'fl', keys: (r) => one(r.firstName, r.lastCore?.slice(0, 3)), maxBlock: NAME_BLOCK },
  { name: 'fb', keys: (r) => one(fk(r), r.birthDigits) },
  { name: 'lb', keys: (r) => one(lk(r), r.birthDigits) },
  { name: 'ly', keys: (r) => one(lk(r), year(r)), maxBlock: NAME_BLOCK },
  { name: 'fy', keys: (r) => one(fk(r), initial(r.lastName), year(r)), maxBlock: NAME_BLOCK },
  { name: 'lc', keys: (r) => one(r.lastName, r.city), maxBlock: NAME_BLOCK },
  { name: 'lp', keys: (r) => one(r.lastName, r.postalCode), maxBlock: NAME_BLOCK },
  { name: 'bp', keys: (r) => one(r.birthDigits, r.postalCode) },
  { name: 'bc', keys: (r) => one(r.birthDigits, r.city) },
  { name: 'bd', keys: (r) => one(r.birthDigits), maxBlock: WEAK_BLOCK },
  {
    name: 'nc',
    keys: (r) => (r.city === null ? [] : anyName(r).map((n) => `${n}|${r.city}`)),
    maxBlock: WEAK_BLOCK,
  },
  {
    name: 'nd',
    keys: (r) => (r.postalDistrict === null ? [] : anyName(r).map((n) => `${n}|${r.postalDistrict}`)),
    maxBlock: WEAK_BLOCK,
  },
  { name: 'md', keys: (r) => one(r.birthDigits?.slice(4), initial(r.lastName)), maxBlock: WEAK_BLOCK },
];

/** All blocking keys of a record, each prefixed with its rule name. */
export function blockingKeys(record: PreparedRecord): string[] {
  const out: string[] = [];
  for (const rule of BLOCKING_RULES) for (const k of rule.keys(record)) out.push(`${rule.name}:${k}`);
  return out;
}

/** 31-bit FNV-1a hash of a key. */
export function hash31(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 1) & 0x7fffffff;
}

/** Records per scan at most: a record index takes 22 bits next to a 31-bit hash in one double. */
export const MAX_RECORDS = 2 ** 22;

/**
 * The keys of records [start, end) for every rule, hashed and packed with the record index into one
 * double each (hash · 2^22 + index), so that sorting a rule's array lines up its blocks. Hash
 * collisions only merge two blocks, which adds a few pairs to score.
 */
export function packKeys(
  records: readonly PreparedRecord[],
  start = 0,
  end = records.length,
  rules: readonly BlockingRule[] = BLOCKING_RULES,
): Float64Array[] {
  return rules.map((rule) => {
    const packed: number[] = [];
    for (let i = start; i < end; i++) {
      const keys = rule.keys(records[i] as PreparedRecord);
      for (let k = 0; k < keys.length; k++) packed.push(hash31(keys[k] as string) * MAX_RECORDS + i);
    }
    return Float64Array.from(packed);
  });
}

/**
 * Blocks of a record set in CSR form: block b holds members[memberStart[b] .. memberStart[b+1]), and
 * record i belongs to blocks recordBlocks[recordStart[i] .. recordStart[i+1]) (ascending block ids).
 * Plain typed arrays, so worker threads can share them.
 */
export interface BlockTable {
  recordCount: number;
  blockCount: number;
  memberStart: Int32Array;
  members: Int32Array;
  recordStart: Int32Array;
  recordBlocks: Int32Array;
  /** 1 for blocks too large for their rule: not expanded, and not counted as shared by their pairs. */
  oversized: Uint8Array;
  oversizedBlocks: number;
}

/**
 * Build the block table from per-rule packed keys (each rule may come in several pieces), with the
 * largest usable block per rule.
 */
export function buildBlockTable(
  recordCount: number,
  packedPerRule: ReadonlyArray<ReadonlyArray<Float64Array>>,
  maxBlockPerRule: readonly number[],
): BlockTable {
  const starts: number[] = [0];
  const memberList: number[] = [];
  const tooLarge: number[] = [];
  let oversized = 0;
  for (let rule = 0; rule < packedPerRule.length; rule++) {
    const pieces = packedPerRule[rule] as ReadonlyArray<Float64Array>;
    const maxBlockSize = maxBlockPerRule[rule] ?? Number.MAX_SAFE_INTEGER;
    let length = 0;
    for (const p of pieces) length += p.length;
    const sorted = new Float64Array(length);
    let at = 0;
    for (const p of pieces) {
      sorted.set(p, at);
      at += p.length;
    }
    sorted.sort();
    let s = 0;
    while (s < sorted.length) {
      const h = Math.floor((sorted[s] as number) / MAX_RECORDS);
      let e = s + 1;
      while (e < sorted.length && Math.floor((sorted[e] as number) / MAX_RECORDS) === h) e++;
      if (e - s >= 2) {
        const before = memberList.length;
        let last = -1;
        for (let p = s; p < e; p++) {
          const idx = (sorted[p] as number) % MAX_RECORDS;
          if (idx !== last) memberList.push(idx);
          last = idx;
        }
        const size = memberList.length - before;
        if (size < 2) memberList.length = before;
        else {
          if (size > maxBlockSize) oversized++;
          tooLarge.push(size > maxBlockSize ? 1 : 0);
          starts.push(memberList.length);
        }
      }
      s = e;
    }
  }
  const memberStart = Int32Array.from(starts);
  const members = Int32Array.from(memberList);
  const blockCount = memberStart.length - 1;
  const recordStart = new Int32Array(recordCount + 1);
  for (let k = 0; k < members.length; k++) recordStart[(members[k] as number) + 1]!++;
  for (let i = 0; i < recordCount; i++) recordStart[i + 1]! += recordStart[i] as number;
  const fill = recordStart.slice(0, recordCount);
  const recordBlocks = new Int32Array(members.length);
  for (let b = 0; b < blockCount; b++) {
    for (let k = memberStart[b] as number; k < (memberStart[b + 1] as number); k++) {
      recordBlocks[fill[members[k] as number]!++] = b;
    }
  }
  return {
    recordCount,
    blockCount,
    memberStart,
    members,
    recordStart,
    recordBlocks,
    oversized: Uint8Array.from(tooLarge),
    oversizedBlocks: oversized,
  };
}

function blockSize(t: BlockTable, b: number): number {
  return (t.memberStart[b + 1] as number) - (t.memberStart[b] as number);
}

/** Whether records i and j already share a usable block before block `current`. */
function shareEarlierBlock(t: BlockTable, i: number, j: number, current: number): boolean {
  let p = t.recordStart[i] as number;
  const pEnd = t.recordStart[i + 1] as number;
  let q = t.recordStart[j] as number;
  const qEnd = t.recordStart[j + 1] as number;
  while (p < pEnd && q < qEnd) {
    const x = t.recordBlocks[p] as number;
    const y = t.recordBlocks[q] as number;
    if (x >= current || y >= current) return false;
    if (x === y) {
      if (t.oversized[x] === 0) return true;
      p++;
      q++;
    } else if (x < y) p++;
    else q++;
  }
  return false;
}

/**
 * Calls `visit(i, j)` (i < j) for every candidate pair whose first shared block lies in blocks
 * [fromBlock, toBlock) and where `part(b)` is true: each pair exactly once over all blocks, so blocks can
 * be dealt out to workers.
 */
export function forEachCandidatePair(
  t: BlockTable,
  visit: (i: number, j: number) => void,
  part: (block: number) => boolean = () => true,
): void {
  for (let b = 0; b < t.blockCount; b++) {
    if (t.oversized[b] === 1 || !part(b)) continue;
    const size = blockSize(t, b);
    const start = t.memberStart[b] as number;
    for (let x = 0; x < size; x++) {
      const i = t.members[start + x] as number;
      for (let y = x + 1; y < size; y++) {
        const j = t.members[start + y] as number;
        if (shareEarlierBlock(t, i, j, b)) continue;
        if (i < j) visit(i, j);
        else visit(j, i);
      }
    }
  }
}

export interface CandidatePairs {
  /** Record indices; pair i is (left[i], right[i]) with left < right. */
  left: Int32Array;
  right: Int32Array;
  count: number;
  /** Blocks skipped because they held more than maxBlockSize records. */
  oversizedBlocks: number;
}

export interface PairGenerationOptions {
  /** Blocks larger than this (a very common surname + initial) are skipped; default 400. */
  maxBlockSize?: number;
}

/** The largest usable block of each rule. */
export function ruleBlockLimits(
  maxBlockSize = DEFAULT_MAX_BLOCK,
  rules: readonly BlockingRule[] = BLOCKING_RULES,
): number[] {
  return rules.map((r) => Math.min(r.maxBlock ?? maxBlockSize, maxBlockSize));
}

export const DEFAULT_MAX_BLOCK = 400;

/** A growable pair of index columns. */
export class PairBuffer {
  left = new Int32Array(1024);
  right = new Int32Array(1024);
  count = 0;

  push(i: number, j: number): void {
    if (this.count === this.left.length) {
      const l = new Int32Array(this.left.length * 2);
      l.set(this.left);
      this.left = l;
      const r = new Int32Array(this.right.length * 2);
      r.set(this.right);
      this.right = r;
    }
    this.left[this.count] = i;
    this.right[this.count] = j;
    this.count++;
  }
}

/** Every candidate pair of a record set, once. */
export function generateCandidatePairs(
  records: readonly PreparedRecord[],
  options: PairGenerationOptions = {},
): CandidatePairs {
  if (records.length >= MAX_RECORDS) throw new Error(`at most ${MAX_RECORDS - 1} records per scan`);
  const table = buildBlockTable(
    records.length,
    packKeys(records).map((p) => [p]),
    ruleBlockLimits(options.maxBlockSize),
  );
  const out = new PairBuffer();
  forEachCandidatePair(table, (i, j) => out.push(i, j));
  return {
    left: out.left.subarray(0, out.count),
    right: out.right.subarray(0, out.count),
    count: out.count,
    oversizedBlocks: table.oversizedBlocks,
  };
}

/** Groups of record indices sharing a key of `keys` (groups of one left out). Used for training. */
export function groupByKey(
  records: readonly PreparedRecord[],
  keys: (r: PreparedRecord) => readonly string[],
): Int32Array[] {
  const packed = packKeys(records, 0, records.length, [{ name: '', keys: (r) => [...keys(r)] }]);
  const table = buildBlockTable(
    records.length,
    packed.map((p) => [p]),
    [Number.MAX_SAFE_INTEGER],
  );
  const out: Int32Array[] = [];
  for (let b = 0; b < table.blockCount; b++) {
    out.push(table.members.subarray(table.memberStart[b], table.memberStart[b + 1]));
  }
  return out;
}
