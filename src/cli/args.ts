/** `--name value` / `--flag` arguments of the CLI commands, with one readable line on misuse. */
import { parseArgs } from 'node:util';

export class UsageError extends Error {}

export function readArgs<K extends string>(
  argv: string[],
  options: Record<K, { type: 'string' | 'boolean'; required?: boolean }>,
  usage: string,
): { values: Record<K, string | boolean | undefined>; positionals: string[] } {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: Object.fromEntries(
        Object.entries(options).map(([k, v]) => [k, { type: (v as { type: 'string' | 'boolean' }).type }]),
      ),
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    throw new UsageError(`${(err as Error).message.split('\n')[0]}\nusage: ${usage}`);
  }
  for (const [name, spec] of Object.entries(options) as [K, { required?: boolean }][]) {
    if (spec.required && parsed.values[name] === undefined)
      throw new UsageError(`--${name} is required\nusage: ${usage}`);
  }
  return {
    values: parsed.values as Record<K, string | boolean | undefined>,
    positionals: parsed.positionals,
  };
}
