/**
 * One worker thread of a parallel scan (parallel.ts): it prepares its share of the records, holds the
 * whole prepared file once the shares are exchanged, and on request learns the model, builds the block
 * table, scores its share of the blocks, or explains pairs. Every step is the pure core's.
 */
import { parentPort } from 'node:worker_threads';
import {
  BLOCKING_RULES,
  buildBlockTable,
  forEachCandidatePair,
  packKeys,
  PairBuffer,
  ruleBlockLimits,
} from './blocking.ts';
import type { BlockTable } from './blocking.ts';
import { compileModel, weightToProbability } from './model.ts';
import type { MatchModel } from './model.ts';
import { prepareRecords } from './prepare.ts';
import { decodePrepared, encodePrepared } from './preparedCodec.ts';
import { unpackRecords } from './recordColumns.ts';
import { estimateModel } from './scan.ts';
import { scorePair, scoreWeight } from './score.ts';
import { buildTermFrequencies } from './termFrequencies.ts';
import type { TermFrequencies } from './termFrequencies.ts';
import type { PreparedRecord } from './types.ts';

export type WorkerRequest =
  | { type: 'prepare'; columns: string[]; start: number; end: number; defaultCountry: string | null }
  | { type: 'assemble'; shares: Array<string | null> }
  | { type: 'decode'; decoder: string; ids: string[]; texts: string[]; names: boolean }
  | { type: 'train'; base?: MatchModel; seed?: number }
  | { type: 'pack'; start: number; end: number }
  | { type: 'blocks'; maxBlockSize?: number; pieces?: Float64Array[][] }
  | { type: 'score'; table: BlockTable; model: MatchModel; part: number; parts: number }
  | { type: 'explain'; left: Int32Array; right: Int32Array; model: MatchModel };

let own: PreparedRecord[] = [];
let ownStart = 0;
let records: PreparedRecord[] = [];
let tf: TermFrequencies | null = null;

/** Copies of typed arrays in shared memory, so every thread reads the same block table. */
function sharedInt32(a: Int32Array): Int32Array {
  const out = new Int32Array(new SharedArrayBuffer(a.byteLength));
  out.set(a);
  return out;
}

function sharedUint8(a: Uint8Array): Uint8Array {
  const out = new Uint8Array(new SharedArrayBuffer(a.byteLength));
  out.set(a);
  return out;
}

/** Records stored by the caller in its own text form, decoded by its module (see scanStoredParallel). */
async function decode(msg: Extract<WorkerRequest, { type: 'decode' }>): Promise<void> {
  const codec = (await import(msg.decoder)) as {
    decodeFeatureList: (ids: readonly string[], texts: readonly string[]) => PreparedRecord[];
  };
  records = codec.decodeFeatureList(msg.ids, msg.texts);
  tf = buildTermFrequencies(records);
  let names: { firstName: [string, number][]; lastName: [string, number][] } | null = null;
  if (msg.names) {
    const first = new Map<string, number>();
    const last = new Map<string, number>();
    for (const r of records) {
      if (r.firstName !== null) first.set(r.firstName, (first.get(r.firstName) ?? 0) + 1);
      if (r.lastName !== null) last.set(r.lastName, (last.get(r.lastName) ?? 0) + 1);
    }
    names = { firstName: [...first], lastName: [...last] };
  }
  parentPort?.postMessage({ type: 'decoded', count: records.length, names });
}

function handle(msg: WorkerRequest): void | Promise<void> {
  const port = parentPort;
  if (port === null) return;
  switch (msg.type) {
    case 'decode':
      return decode(msg);
    case 'prepare': {
      own = prepareRecords(unpackRecords(msg.columns, msg.start, msg.end), {
        defaultCountry: msg.defaultCountry,
      });
      ownStart = msg.start;
      port.postMessage({ type: 'prepared', text: encodePrepared(own) });
      return;
    }
    case 'assemble': {
      records = [];
      for (const share of msg.shares) {
        for (const r of share === null ? own : decodePrepared(share)) records.push(r);
      }
      own = [];
      tf = buildTermFrequencies(records);
      port.postMessage({ type: 'assembled', count: records.length, ownStart });
      return;
    }
    case 'train': {
      const model = estimateModel(records, {
        ...(msg.base === undefined ? {} : { base: msg.base }),
        ...(msg.seed === undefined ? {} : { seed: msg.seed }),
      });
      port.postMessage({ type: 'model', model });
      return;
    }
    case 'pack': {
      const packed = packKeys(records, msg.start, msg.end);
      port.postMessage(
        { type: 'packed', packed },
        packed.map((p) => p.buffer as ArrayBuffer),
      );
      return;
    }
    case 'blocks': {
      // Keys packed by every worker for its share of the records (pieces[worker][rule]), or all here.
      const pieces = msg.pieces ?? [packKeys(records)];
      const packed = BLOCKING_RULES.map((_, rule) => pieces.map((p) => p[rule]!));
      const t = buildBlockTable(records.length, packed, ruleBlockLimits(msg.maxBlockSize));
      const table: BlockTable = {
        ...t,
        memberStart: sharedInt32(t.memberStart),
        members: sharedInt32(t.members),
        recordStart: sharedInt32(t.recordStart),
        recordBlocks: sharedInt32(t.recordBlocks),
        oversized: sharedUint8(t.oversized),
      };
      port.postMessage({ type: 'table', table });
      return;
    }
    case 'score': {
      const cm = compileModel(msg.model);
      const pairs = new PairBuffer();
      let probability = new Float32Array(1024);
      forEachCandidatePair(
        msg.table,
        (i, j) => {
          if (pairs.count === probability.length) {
            const grown = new Float32Array(probability.length * 2);
            grown.set(probability);
            probability = grown;
          }
          probability[pairs.count] = weightToProbability(
            scoreWeight(records[i] as PreparedRecord, records[j] as PreparedRecord, cm, tf),
          );
          pairs.push(i, j);
        },
        (b) => b % msg.parts === msg.part,
      );
      const left = pairs.left.slice(0, pairs.count);
      const right = pairs.right.slice(0, pairs.count);
      const prob = probability.slice(0, pairs.count);
      port.postMessage({ type: 'scored', left, right, probability: prob }, [
        left.buffer,
        right.buffer,
        prob.buffer,
      ]);
      return;
    }
    case 'explain': {
      const cm = compileModel(msg.model);
      const results = Array.from(msg.left, (i, k) =>
        scorePair(records[i] as PreparedRecord, records[msg.right[k] as number] as PreparedRecord, cm, tf),
      );
      port.postMessage({ type: 'explained', results });
      return;
    }
  }
}

const fail = (error: unknown) =>
  parentPort?.postMessage({ type: 'error', message: error instanceof Error ? error.stack : String(error) });

parentPort?.on('message', (msg: WorkerRequest) => {
  try {
    void handle(msg)?.catch(fail);
  } catch (error) {
    fail(error);
  }
});
