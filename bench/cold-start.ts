import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { databaseFile } from './archive.js';
import { percentile } from './stats.js';

const ROOT = join(import.meta.dirname, '..');

function wallMs(args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd: ROOT, env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr.slice(-2000)}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * A fresh process's first answer, as shipped: the compiled CLI (`node dist/cli/index.js search …`, what
 * `npx event-bot search` runs) opens the database and answers one typo'd query. Timed in turn with a
 * bare `node -e 0`, pair by pair, so the ratio holds on a busy machine; medians of `runs` pairs.
 */
export function coldStart(size: number, runs = 7): { answerMs: number; nodeMs: number; ratio: number } {
  const env = { ...process.env, EVENT_DB: databaseFile(size), NODE_OPTIONS: '' };
  const cli = [join(ROOT, 'dist', 'cli', 'index.js'), 'search', 'peacekeepng mali', '--limit', '5'];
  wallMs(cli, env);
  const answers: number[] = [];
  const bare: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < runs; i++) {
    const a = wallMs(cli, env);
    const b = wallMs(['-e', '0'], env);
    answers.push(a);
    bare.push(b);
    ratios.push(a / b);
  }
  return { answerMs: percentile(answers, 50), nodeMs: percentile(bare, 50), ratio: percentile(ratios, 50) };
}

/** Builds dist/ when a source changed since the last build, so the bench times the code as it is. */
export function ensureBuilt(): void {
  wallMs([join(ROOT, 'scripts', 'build.mjs'), '--if-stale']);
}
