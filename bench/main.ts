/** `node bench/main.ts <name> [args]`: runs one benchmark; progress on stderr, the JSON result last on stdout. */
import { benchAccuracy } from './accuracy.ts';
import { benchMerge } from './merge.ts';
import { benchSearch } from './search.ts';

const BENCHES: Record<string, (args: string[]) => Promise<object>> = {
  accuracy: benchAccuracy,
  merge: benchMerge,
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
