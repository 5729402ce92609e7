/**
 * Builds the web client when web/dist is missing or older than its sources, so that `npm start` on a fresh
 * clone serves the client. Run before `npm start` (prestart) and by the browser tests.
 *   node --import tsx scripts/ensure-web-build.ts
 * Never fails the start: without the build tools (a production install without dev dependencies) it warns,
 * and the server then shows how to build the client.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));
const webRoot = path.join(repositoryRoot, 'web');
const builtMarker = path.join(webRoot, 'dist', 'index.html');
const sourceFiles = [
  path.join(repositoryRoot, 'vite.config.ts'),
  path.join(repositoryRoot, 'package-lock.json'),
];
// Two processes (browser test workers, a start beside a test run) must not write web/dist at once.
const lockDirectory = path.join(
  tmpdir(),
  `ibok-web-build-${createHash('sha256').update(repositoryRoot).digest('hex').slice(0, 12)}.lock`,
);
const staleLockMilliseconds = 10 * 60 * 1000;

export type WebBuildResult = 'up-to-date' | 'built' | 'unavailable';

function newestSourceTime(directory: string): number {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const full = path.join(directory, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceTime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

export function webBuildIsFresh(): boolean {
  if (!existsSync(builtMarker)) return false;
  const sources = Math.max(
    newestSourceTime(webRoot),
    ...sourceFiles.filter((file) => existsSync(file)).map((file) => statSync(file).mtimeMs),
  );
  return statSync(builtMarker).mtimeMs >= sources;
}

function viteCommand(): string | null {
  try {
    const manifest = createRequire(import.meta.url).resolve('vite/package.json');
    return path.join(path.dirname(manifest), 'bin', 'vite.js');
  } catch {
    return null;
  }
}

function runViteBuild(vite: string, quiet: boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [vite, 'build', '--logLevel', quiet ? 'warn' : 'info'], {
      cwd: repositoryRoot,
      // Test runners set NODE_ENV=test, which would make Vite bundle React's development build.
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`vite build exited with ${code}`)),
    );
  });
}

async function acquireLock(): Promise<() => void> {
  for (;;) {
    try {
      mkdirSync(lockDirectory);
      return () => rmSync(lockDirectory, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const lock = statSync(lockDirectory, { throwIfNoEntry: false });
      if (!lock) continue; // released in the meantime
      if (Date.now() - lock.mtimeMs > staleLockMilliseconds)
        rmSync(lockDirectory, { recursive: true, force: true });
      else await sleep(250);
    }
  }
}

export async function ensureWebBuild(options: { quiet?: boolean } = {}): Promise<WebBuildResult> {
  if (webBuildIsFresh()) return 'up-to-date';
  const vite = viteCommand();
  if (!vite) {
    console.warn('[web] vite is not installed (dev dependencies missing): the web client was not built.');
    return 'unavailable';
  }
  const release = await acquireLock();
  try {
    // Another process may have built it while this one waited for the lock.
    if (webBuildIsFresh()) return 'up-to-date';
    if (!options.quiet)
      console.log('[web] building the web client (web/dist is missing or older than web/) …');
    await runViteBuild(vite, options.quiet ?? false);
    return 'built';
  } finally {
    release();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  ensureWebBuild().catch((error: unknown) => {
    // The server still starts and explains how to build the client; a failed build must not hide that.
    console.warn(
      `[web] building the web client failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  });
}
