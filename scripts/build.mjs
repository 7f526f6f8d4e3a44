#!/usr/bin/env node
// Bundles src/ into plain JavaScript in dist/ (or --out DIR) so the bot starts with plain `node`: no
// TypeScript compiled at start, and a handful of files loaded instead of about 200 (zod alone was 95).
// Runs at `npm install` / `npm ci` (the `prepare` script). tsc stays the typechecker (`npm run typecheck`).
//
// esbuild writes one ES module per entry point (main.js, cli/index.js, slack/command-worker.js, storage/prepare-worker.js) and shared
// chunks in chunks/; every lazy `import()` (a format's loader, the Slack door, a CLI command) stays a chunk
// of its own, loaded only when it runs. better-sqlite3 (native), pg and the Slack packages stay in
// node_modules. Files read at run time (migrations, the worker boot file) are copied beside the bundle
// where the sources would be: `--metafile FILE` also writes esbuild's account of what went where.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const flag = (name) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const out = resolve(flag('--out') ?? join(root, 'dist'));
const metafile = flag('--metafile');
const src = join(root, 'src');
const stamp = join(out, '.built');

/** The entry points, by where they land in the output (bin/event-bot.js and the worker pool look there). */
const ENTRIES = {
  main: 'src/main.ts',
  'cli/index': 'src/cli/index.ts',
  'slack/command-worker': 'src/slack/command-worker.ts',
  'storage/prepare-worker': 'src/storage/prepare-worker.ts',
};
/** chrono's parser, beside core/chrono.js: see {@link bundleChrono}. */
const CHRONO_FILE = 'chrono-parser.cjs';
/** Left to node_modules: a native addon, a driver loaded only with DATABASE_URL, and the Slack door's SDK. */
const EXTERNAL = ['better-sqlite3', 'pg', '@slack/*'];

/** The newest modification time among the sources. */
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
    ...['tsconfig.json', 'scripts/build.mjs', 'package-lock.json'].map((f) => statSync(join(root, f)).mtimeMs),
  );
  if (statSync(stamp).mtimeMs >= sources) process.exit(0);
}

// A source finds its files through `import.meta.url` (`new URL('./migrations', import.meta.url)`), but in
// the bundle that is the URL of whichever file esbuild put its code in. Each source's own URL is therefore
// written as its place under the output root, marked here and made relative to each output file below.
const ROOT_MARK = '@@build-root@@/';
const ownUrl = {
  name: 'own-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!args.path.startsWith(src + sep)) return undefined;
      const other = /import\.meta\.(?!url\b)\w+/.exec(text);
      if (other) return { errors: [{ text: `${relative(root, args.path)}: ${other[0]} is not kept true in the bundle; use import.meta.url` }] };
      if (!text.includes('import.meta.url')) return undefined;
      const place = `${ROOT_MARK}${relative(src, args.path).split(sep).join('/').replace(/\.ts$/, '.js')}`;
      const contents = text.replaceAll('import.meta.url', `new URL(${JSON.stringify(place)}, import.meta.url).href`);
      return { contents, loader: 'ts' };
    });
  },
};

/**
 * One entry point bundled on its own: chunks are split only among its own lazy imports. Built together,
 * esbuild splits code by which entries share it, and the console's start loaded 28 files instead of 13.
 * The entries never share a module instance anyway: the CLI is another process, a worker another thread.
 */
function bundle(build, name, entry) {
  return build({
    absWorkingDir: root,
    entryPoints: { [name]: entry },
    outdir: out,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: EXTERNAL,
    // CommonJS packages in the bundle (gray-matter, cli-progress, prom-client…) call require().
    banner: {
      js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);",
    },
    plugins: [ownUrl],
    define: { BUNDLED_CHRONO: JSON.stringify(`./${CHRONO_FILE}`) },
    metafile: true,
    write: false,
    logLevel: 'error',
  });
}

// Loaded only once a build is due: `npm start` on a fresh build (or an install without dev packages) never needs it.
const { build } = await import('esbuild');
/**
 * chrono-node's English parser as one CommonJS file, which core/chrono.ts requires on first use (a date
 * word): the package's own CommonJS build is 266 files with every locale, about 170 ms of CPU to load,
 * and the parser is read synchronously in the middle of a query, so it cannot be an ES chunk.
 */
function bundleChrono(build) {
  return build({
    absWorkingDir: root,
    stdin: { contents: "export { parse } from 'chrono-node';", resolveDir: root },
    outfile: join(out, 'core', CHRONO_FILE),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    metafile: true,
    write: false,
    logLevel: 'error',
  });
}

rmSync(out, { recursive: true, force: true });
let results;
try {
  results = await Promise.all([
    ...Object.entries(ENTRIES).map(([name, entry]) => bundle(build, name, entry)),
    bundleChrono(build),
  ]);
} catch {
  process.stderr.write('build: esbuild failed (its errors are above)\n');
  process.exit(1);
}

// A chunk two entries share is written twice with the same name and the same bytes (the name is a hash).
for (const file of results.flatMap((r) => r.outputFiles)) {
  const up = relative(dirname(file.path), out).split(sep).join('/');
  const text = file.text.replaceAll(`"${ROOT_MARK}`, `"${up ? `${up}/` : './'}`);
  if (text.includes(ROOT_MARK)) throw new Error(`build: ${file.path} still names ${ROOT_MARK}`);
  mkdirSync(dirname(file.path), { recursive: true });
  writeFileSync(file.path, text);
}
if (metafile) {
  const merged = { inputs: {}, outputs: {} };
  for (const { metafile: m } of results) {
    Object.assign(merged.inputs, m.inputs);
    Object.assign(merged.outputs, m.outputs);
  }
  writeFileSync(resolve(metafile), JSON.stringify(merged));
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
