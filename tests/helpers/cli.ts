import { runCli } from '../../src/cli/run.js';
import { fixedClock } from './context.js';

/** Runs `event-bot <argv>` in-process at a fixed time; returns its exit code and what it printed. */
export async function runCliCaptured(argv: string[], env: Record<string, string>, now: string) {
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t), interactive: false };
  const code = await runCli(argv, io, env, fixedClock(now));
  return { code, out: out.join('\n'), err: err.join('\n') };
}
