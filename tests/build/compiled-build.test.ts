import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandBody, postSigned, slashCommand, startFakeSlack } from '../../support/fake-slack.js';
import { runCliCaptured } from '../helpers/cli.js';
import { LOADED_ONLY_WHEN_NEEDED } from '../helpers/lazy-packages.js';
import { tempDir } from '../helpers/temp.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// Inside the repository (var/ is ignored), so the compiled code resolves node_modules as dist/ does.
const OUT = join(ROOT, 'var', `build-test-${process.pid}`);
const META = `${OUT}.meta.json`;
const DINNER_TITLE = 'Strengthening the Partnership: A Fresh Dialogue on UN Peacekeeping';

/** Plain node: no tsx loader, no NODE_OPTIONS from the test runner. */
function plainEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const { NODE_OPTIONS: _options, ...rest } = process.env;
  return { ...rest, SLACK_BOT_TOKEN: '', SLACK_APP_TOKEN: '', SLACK_SIGNING_SECRET: '', ...env };
}

function run(args: string[], env: Record<string, string>, stdin = '') {
  return spawnSync(process.execPath, args, { cwd: ROOT, env: plainEnv(env), input: stdin, encoding: 'utf8' });
}

beforeAll(() => {
  const build = spawnSync(process.execPath, ['scripts/build.mjs', '--out', OUT, '--metafile', META], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  expect(build.stderr).toBe('');
  expect(build.status).toBe(0);
}, 120_000);

afterAll(() => {
  rmSync(OUT, { recursive: true, force: true });
  rmSync(META, { force: true });
});

/** What esbuild's metafile says of one output file: the sources in it and the files it imports. */
type Output = {
  inputs: Record<string, unknown>;
  imports: { path: string; kind: string; external?: boolean }[];
};

const packageOf = (input: string) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1];

/**
 * The packages a bundle entry loads before its first line runs: the sources in it and in every chunk it
 * imports statically, and the packages left in node_modules that those files import.
 */
function packagesLoadedAtStart(outputs: Record<string, Output>, entry: string): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const input of Object.keys(outputs[file].inputs)) packages.add(packageOf(input) ?? 'src');
    for (const i of outputs[file].imports) {
      if (i.kind !== 'import-statement') continue;
      if (i.external)
        packages.add(i.path.startsWith('@') ? i.path.split('/').slice(0, 2).join('/') : i.path.split('/')[0]);
      else visit(i.path);
    }
  };
  visit(entry);
  return packages;
}

describe('the compiled build (what npm start runs)', () => {
  it('carries the migrations and the worker boot file beside the JavaScript', () => {
    expect(existsSync(join(OUT, 'storage', 'migrations', '001-events.sql'))).toBe(true);
    expect(existsSync(join(OUT, 'worker-boot.mjs'))).toBe(true);
    expect(existsSync(join(OUT, 'main.ts'))).toBe(false);
  });

  it("starts the import's prepare worker on plain node, and it prepares an event", () => {
    // What EventPreparer does, by hand: the bundled worker, booted as the build lays it out.
    const script = `
      import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';
      const { port1, port2 } = new MessageChannel();
      const signal = new Int32Array(new SharedArrayBuffer(4));
      const entry = ${JSON.stringify(pathToFileURL(join(OUT, 'storage', 'prepare-worker.js')).href)};
      const worker = new Worker(new URL(${JSON.stringify(pathToFileURL(join(OUT, 'worker-boot.mjs')).href)}),
        { workerData: { entry, port: port2, signal }, transferList: [port2] });
      const next = () => { for (;;) { const seen = Atomics.load(signal, 0); const m = receiveMessageOnPort(port1);
        if (m) return m.message; Atomics.wait(signal, 0, seen, 20000); } };
      const ready = next();
      const event = { id: 'x', title: 'Mediation in the Sahel', type: 'Panel', start: '2019-03-12', summary: 'A talk.',
        body: '', themes: [{ title: 'Ceasefires', summary: 'Local ones.' }], speakers: [], hosts: [], tags: [] };
      port1.postMessage({ id: 1, events: [event], stored: [null], claims: new Int32Array(new SharedArrayBuffer(4)), slot: 0 });
      const reply = next();
      console.log(JSON.stringify({ ready, id: reply.id, hash: reply.prepared[0].contentHash.length,
        text: reply.prepared[0].text.length > 1, doc: reply.prepared[0].doc.themes }));
      await worker.terminate();`;
    // From a file: under `node -e` a worker does not start while the main thread blocks in Atomics.wait.
    const file = join(OUT, 'prepare-worker-check.mjs');
    writeFileSync(file, script);
    const result = spawnSync(process.execPath, [file], {
      cwd: ROOT,
      env: plainEnv({}),
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({
      ready: { ready: true },
      id: 1,
      hash: 64,
      text: true,
      doc: 'Ceasefires',
    });
  });

  it('bundles each entry point so that starting loads no parser, no pg and no Slack door', () => {
    const { outputs } = JSON.parse(readFileSync(META, 'utf8')) as { outputs: Record<string, Output> };
    const place = (file: string) => join(OUT, file).slice(ROOT.length).replace(/^\//, '');
    for (const entry of ['main.js', join('cli', 'index.js')]) {
      const loaded = packagesLoadedAtStart(outputs, place(entry));
      expect(loaded).toContain('better-sqlite3');
      expect(loaded).toContain('zod');
      for (const name of LOADED_ONLY_WHEN_NEEDED) expect([...loaded]).not.toContain(name);
    }
    // The parsers are in the bundle all the same, in chunks of their own for the imports that need them.
    const bundled = new Set(Object.values(outputs).flatMap((o) => Object.keys(o.inputs).map(packageOf)));
    for (const name of ['ical.js', 'parse5', 'csv-parse', 'gray-matter', 'yaml'])
      expect(bundled).toContain(name);
  });

  it('reads every archive format on plain node as the sources do', async () => {
    const paths = [
      'tests/fixtures/archive',
      'tests/fixtures/pages',
      'tests/fixtures/field-maps',
      'tests/fixtures/calendars/icalendar',
    ];
    const env = { EVENT_DB: ':memory:' };
    const built = run([join(OUT, 'cli', 'index.js'), 'check', ...paths], env);
    const sources = await runCliCaptured(['check', ...paths], env, '2026-11-29T12:00:00Z');
    const lines = (text: string) => text.split('\n').filter(Boolean);
    expect(lines(built.stdout)).toEqual(lines(sources.out));
    expect(lines(built.stderr)).toEqual(lines(sources.err));
    expect(built.status).toBe(sources.code);
    expect(built.stdout).toMatch(/\d+ valid event/);
  });

  it('reads date phrases with its own one-file copy of chrono, as the sources do with the package', async () => {
    const env = { EVENT_DB: join(tempDir(), 'dates.db') };
    expect(run([join(OUT, 'cli', 'index.js'), 'import', 'data'], env).status).toBe(0);
    expect(existsSync(join(OUT, 'core', 'chrono-parser.cjs'))).toBe(true);
    const ids = (jsonLines: string) =>
      jsonLines
        .split('\n')
        .filter(Boolean)
        .map((line) => (JSON.parse(line) as { id: string }).id);
    const args = ['search', 'peacekeeping 25 sept 2013', '--json'];
    const built = run([join(OUT, 'cli', 'index.js'), ...args], env);
    const sources = await runCliCaptured(args, env, '2026-11-29T12:00:00Z');
    expect(built.status).toBe(0);
    // The date narrows "peacekeeping" to the one event on that day.
    expect(ids(built.stdout)).toEqual(ids(sources.out));
    expect(ids(built.stdout)).toEqual([expect.stringMatching(/^2013-09-25-strengthening-the-partnership/)]);
  });

  it('answers a piped /event on plain node with the dinner card', () => {
    const result = run([join(OUT, 'main.js')], { EVENT_DB: ':memory:' }, '/event peacekeeping\n');
    expect(result.stderr).toContain('event-archive-bot: loaded data');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(DINNER_TITLE);
  });

  it('imports and searches with the CLI on plain node', () => {
    const env = { EVENT_DB: join(tempDir(), 'cli.db') };
    const imported = run([join(OUT, 'cli', 'index.js'), 'import', 'data'], env);
    expect(imported.status).toBe(0);
    const result = run([join(OUT, 'cli', 'index.js'), 'search', 'peacekeepng finland', '--limit', '1'], env);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(DINNER_TITLE);
  });

  it('serves a signed slash command over HTTP with compiled command workers', async () => {
    const fake = await startFakeSlack();
    const secret = 'compiled-build-signing-secret';
    let child: ChildProcess | undefined;
    try {
      child = spawn(process.execPath, [join(OUT, 'main.js')], {
        cwd: ROOT,
        env: plainEnv({
          // A file database, so commands run on worker threads rather than inline.
          EVENT_DB: join(tempDir(), 'http.db'),
          EVENT_ARCHIVE: 'data',
          SLACK_BOT_TOKEN: 'xoxb-1-2-compiled',
          SLACK_SIGNING_SECRET: secret,
          SLACK_API_URL: fake.apiUrl,
          PORT: '0',
        }),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const running = child;
      let stderr = '';
      const port = await new Promise<number>((resolve, reject) => {
        running.stderr?.on('data', (c) => {
          stderr += String(c);
          const m = /listening on port (\d+)/.exec(stderr);
          if (m) resolve(Number(m[1]));
        });
        running.on('close', (code) => reject(new Error(`main exited ${code} before listening:\n${stderr}`)));
      });
      const body = commandBody(
        slashCommand({ text: 'peacekeepng finland', responseUrl: fake.responseUrl('c') }),
      );
      const ack = await postSigned(`http://127.0.0.1:${port}/slack/events`, secret, body);
      expect(ack.status).toBe(200);
      const [answer] = await fake.waitFor((r) => r.path === '/response/c');
      expect(JSON.stringify(answer.json)).toContain(DINNER_TITLE);
      expect(stderr).not.toContain('xoxb-1-2-compiled');
    } finally {
      child?.kill('SIGKILL');
      await fake.close();
    }
  }, 60_000);
});
