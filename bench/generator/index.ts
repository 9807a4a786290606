/**
 * Seeded generator of a realistic salon customer file with duplicates, hard negatives and ground
 * truth, used by tests, the demo salon and the benchmarks. Same seed, same file.
 */
export { generateCustomers, DEFAULT_NOW, DEFAULT_DUPLICATE_RATE } from './customers.ts';
export { generateHistory, historyForCustomer, collectHistory } from './history.ts';
export type { HistoryOptions } from './history.ts';
export { demoSalon, seedCaseSlots, SEED_CASE, DEMO_TENANT, DEMO_SIZE } from './demo.ts';
export type { DemoOptions, DemoSalon } from './demo.ts';
export { writeCsv, writeTruthCsv, writeDataset, CANONICAL_COLUMNS, FULL_COLUMNS } from './csv.ts';
export type { CsvOptions } from './csv.ts';
export type * from './types.ts';
