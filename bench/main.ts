/** `node bench/main.ts <name> [args]`: runs one benchmark; progress on stderr, the JSON result last on stdout. */
import { benchAccuracy } from './accuracy.ts';
import { benchCrash } from './crash.ts';
import { benchImport } from './import.ts';
import { benchLoad } from './load.ts';
import { benchLookup } from './lookup.ts';
import { benchMerge } from './merge.ts';
import { benchScan } from './scan.ts';
import { benchScanCore } from './scanCore.ts';
import { benchSearch } from './search.ts';

const BENCHES: Record<string, (args: string[]) => Promise<object>> = {
  accuracy: benchAccuracy,
  crash: benchCrash,
  import: benchImport,
  load: benchLoad,
  lookup: benchLookup,
  merge: benchMerge,
  scan: benchScan,
  'scan-core': benchScanCore,
  search: benchSearch,
};

const [name, ...args] = process.argv.slice(2);
const bench = name === undefined ? undefined : BENCHES[name];
if (bench === undefined) {
  process.stderr.write(`usage: bench <name> [args]\nbenches: ${Object.keys(BENCHES).join(', ')}\n`);
  process.exitCode = 1;
} else {
  process.stdout.write(`${JSON.stringify(await bench(args))}\n`);
}
