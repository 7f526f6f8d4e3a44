import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** Runs a bench script in a fresh Node process (through tsx, as `npm start` does) and parses its JSON. */
export function runChild<T>(script: string, args: (string | number)[]): { value: T; wallMs: number } {
  const start = process.hrtime.bigint();
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, script), ...args.map(String)],
    {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    },
  );
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0)
    throw new Error(`${script} failed (${result.status}): ${result.stderr.slice(-2000)}`);
  return { value: JSON.parse(result.stdout) as T, wallMs };
}
