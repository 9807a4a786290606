/**
 * Builds the staff app (Vite) when dist/web is missing or older than its sources, so `npm start`
 * and the browser tests always serve the current app, and a second start does not rebuild.
 * One build at a time (a lock file), since test files may ask at once.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const WEB_DIST = join(ROOT, 'dist', 'web');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export function webBuildIsFresh(): boolean {
  const index = join(WEB_DIST, 'index.html');
  return existsSync(index) && statSync(index).mtimeMs >= newestMtime(join(ROOT, 'web'));
}

export function ensureWebBuilt(log: (line: string) => void = () => undefined): void {
  if (webBuildIsFresh()) return;
  const lockDir = join(ROOT, '.test-tmp');
  mkdirSync(lockDir, { recursive: true });
  const lock = join(lockDir, 'web-build.lock');
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch {
      if (Date.now() > deadline)
        throw new Error(`Timed out waiting for another web build (remove ${lock} if no build runs)`);
      execFileSync('sleep', ['1']);
    }
  }
  try {
    if (!webBuildIsFresh()) {
      log('building the staff app (vite build)…');
      execFileSync(
        process.execPath,
        [
          join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
          'build',
          '--config',
          'web/vite.config.ts',
          '--logLevel',
          'warn',
        ],
        { cwd: ROOT, stdio: 'inherit' },
      );
    }
  } finally {
    rmSync(lock, { force: true });
  }
}

// `node src/server/webBuild.ts`: the prestart step.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  ensureWebBuilt((line) => process.stdout.write(`${line}\n`));
}
