#!/usr/bin/env node
// Compiles src/ to plain JavaScript in dist/ (or --out DIR) so the bot starts with plain `node`, without
// compiling TypeScript on every start. Runs at `npm install` / `npm ci` (the `prepare` script). Files tsc
// does not emit (migrations, the worker boot file, data tables) are copied beside the compiled code.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outFlag = process.argv.indexOf('--out');
const out = resolve(outFlag >= 0 ? process.argv[outFlag + 1] : join(root, 'dist'));
const src = join(root, 'src');
const stamp = join(out, '.built');

/** The newest modification time among the sources and the compiler settings. */
function newestSource(dir = src) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

// `npm start` asks for --if-stale: a checkout or an edit since the last build rebuilds, otherwise nothing runs.
if (process.argv.includes('--if-stale') && existsSync(stamp)) {
  const sources = Math.max(
    newestSource(),
    ...['tsconfig.json', 'tsconfig.build.json', 'package-lock.json'].map((f) => statSync(join(root, f)).mtimeMs),
  );
  if (statSync(stamp).mtimeMs >= sources) process.exit(0);
}

rmSync(out, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', out], {
  stdio: 'inherit',
});
if (result.status !== 0) {
  process.stderr.write(`build: tsc failed (exit ${result.status ?? result.signal})\n`);
  process.exit(1);
}

/** Every file under src/ that is not TypeScript, copied to the same place under the output folder. */
function copyAssets(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) copyAssets(full);
    else if (extname(entry.name) !== '.ts') cpSync(full, join(out, relative(src, full)));
  }
}
copyAssets(src);
writeFileSync(stamp, `${new Date().toISOString()}\n`);
