import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { databaseFile, OUT_DIR } from './archive.js';
import { percentile } from './stats.js';

const ROOT = join(import.meta.dirname, '..');

const quote = (a: string) => `'${a.replace(/'/g, `'\\''`)}'`;

/**
 * Wall and CPU milliseconds of one run of node with `args` (fed `input` on stdin, if any); CPU from the
 * shell's `times` (its children's user + system).
 */
function run(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  input?: string,
): { wallMs: number; cpuMs: number } {
  const command = [process.execPath, ...args].map(quote).join(' ');
  const piped = input === undefined ? command : `printf '%s\\n' ${quote(input)} | ${command}`;
  const start = process.hrtime.bigint();
  const result = spawnSync('sh', ['-c', `${piped} >/dev/null 2>&1 || exit 3; times`], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
  });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0)
    throw new Error(`${args.join(' ')} failed (${result.status}): ${result.stderr.slice(-2000)}`);
  // `times` prints the shell's own times, then its children's: "0m0.310000s 0m0.040000s".
  const children = result.stdout.trim().split('\n').at(-1) ?? '';
  const seconds = [...children.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  return { wallMs, cpuMs: 1000 * (seconds[0] ?? Number.NaN) + 1000 * (seconds[1] ?? 0) };
}

export interface ColdStart {
  answerMs: number;
  nodeMs: number;
  ratio: number;
  answerCpuMs: number;
  nodeCpuMs: number;
  cpuRatio: number;
}

/**
 * A fresh process's first answer, as shipped: the compiled CLI (`node dist/cli/index.js search …`, what
 * `npx event-bot search` runs) opens the database and answers one typo'd query. Timed in turn with a
 * bare `node -e 0`, pair by pair, so the ratios (wall and CPU) hold on a busy machine; medians of `runs` pairs.
 */
export function coldStart(size: number, runs = 7): ColdStart {
  const env = { ...process.env, EVENT_DB: databaseFile(size), NODE_OPTIONS: '' };
  const cli = [join(ROOT, 'dist', 'cli', 'index.js'), 'search', 'peacekeepng mali', '--limit', '5'];
  return inTurnWithNode(() => run(cli, env), env, runs);
}

/**
 * `npm start` without Slack credentials, as shipped: the console on the archive in data/ (its own
 * database, imported by a first start, so each timed start finds the archive unchanged), answering one
 * typo'd query from stdin and exiting at its end. Timed in turn with `node -e 0`, like {@link coldStart}.
 */
export function consoleStart(runs = 7): ColdStart {
  const db = join(OUT_DIR, 'console.db');
  for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
  const blank = { SLACK_BOT_TOKEN: '', SLACK_APP_TOKEN: '', SLACK_SIGNING_SECRET: '', SLACK_CLIENT_ID: '' };
  const env = { ...process.env, ...blank, EVENT_DB: db, EVENT_ARCHIVE: join(ROOT, 'data'), NODE_OPTIONS: '' };
  const main = [join(ROOT, 'dist', 'main.js')];
  run(main, env, 'quit');
  return inTurnWithNode(() => run(main, env, '/event peacekeepng mali'), env, runs);
}

/** Medians of `runs` pairs of `answer` and a bare `node -e 0`, after one untimed `answer` to warm the disk cache. */
function inTurnWithNode(
  answer: () => ReturnType<typeof run>,
  env: NodeJS.ProcessEnv,
  runs: number,
): ColdStart {
  answer();
  const answers: ReturnType<typeof run>[] = [];
  const bare: ReturnType<typeof run>[] = [];
  const ratios: number[] = [];
  const cpuRatios: number[] = [];
  for (let i = 0; i < runs; i++) {
    const a = answer();
    const b = run(['-e', '0'], env);
    answers.push(a);
    bare.push(b);
    ratios.push(a.wallMs / b.wallMs);
    cpuRatios.push(a.cpuMs / b.cpuMs);
  }
  const median = (xs: number[]) => percentile(xs, 50);
  return {
    answerMs: median(answers.map((a) => a.wallMs)),
    nodeMs: median(bare.map((b) => b.wallMs)),
    ratio: median(ratios),
    answerCpuMs: median(answers.map((a) => a.cpuMs)),
    nodeCpuMs: median(bare.map((b) => b.cpuMs)),
    cpuRatio: median(cpuRatios),
  };
}

/** Builds dist/ when a source changed since the last build, so the bench times the code as it is. */
export function ensureBuilt(): void {
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--if-stale'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`build failed: ${result.stderr.slice(-2000)}`);
}
