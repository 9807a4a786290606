/**
 * PGlite is an embedded database: exactly one process may open a data directory. The server and
 * the CLI take this lock file first, so a second process gets a clear message instead of
 * corrupting the data. A lock left by a process that no longer runs is taken over.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export class DataDirLocked extends Error {}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquireDataDirLock(dataDir: string): () => void {
  const file = join(dataDir, 'clienteel.lock');
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    if (Number.isInteger(pid) && pid !== process.pid && alive(pid)) {
      throw new DataDirLocked(
        `The data directory ${dataDir} is in use by process ${pid} (a running Clienteel?); stop it first, or use PostgreSQL (DATABASE_URL) to run several processes.`,
      );
    }
  } catch (err) {
    if (err instanceof DataDirLocked) throw err;
  }
  writeFileSync(file, String(process.pid));
  return () => rmSync(file, { force: true });
}
