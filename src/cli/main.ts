/** `node src/cli/main.ts <command> ...args` — one file per command in src/cli, registered here. */
import { runBackup, runRestore } from './backup.ts';
import { runDedupe } from './dedupe.ts';
import { runImport } from './import.ts';
import { runStaffAdd, runStaffPassword, runTenantCreate } from './tenants.ts';

type Command = (
  argv: string[],
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream },
) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  dedupe: runDedupe,
  import: runImport,
  'tenant:create': runTenantCreate,
  'staff:add': runStaffAdd,
  'staff:password': runStaffPassword,
  backup: runBackup,
  restore: runRestore,
};

const [name, ...args] = process.argv.slice(2);
const command = name === undefined ? undefined : COMMANDS[name];
if (command === undefined) {
  process.stderr.write(`usage: clienteel <command> [args]\ncommands: ${Object.keys(COMMANDS).join(', ')}\n`);
  process.exitCode = 1;
} else {
  process.exitCode = await command(args, { stdout: process.stdout, stderr: process.stderr });
}
