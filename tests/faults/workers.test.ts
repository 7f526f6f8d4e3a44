import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { type CommandRunner, workerPoolRunner } from '../../src/slack/command-runner.js';
import { tempDir } from '../helpers/temp.js';

const runners: CommandRunner[] = [];
afterAll(async () => {
  await Promise.all(runners.map((r) => r.close()));
});

describe('command workers that crash', () => {
  it('respawn with a doubling wait, logged once per wait, and requests get an answer, not silence', async () => {
    // A database file that is not one: every worker fails while it starts.
    const path = join(tempDir(), 'not-a-database.db');
    writeFileSync(path, 'this is not an SQLite file '.repeat(200));
    const lines: string[] = [];
    const logger = {
      warn: (...m: unknown[]) => lines.push(m.join(' ')),
      error: (...m: unknown[]) => lines.push(m.join(' ')),
    };
    const runner = workerPoolRunner(loadConfig({ EVENT_DB: path, EVENT_ARCHIVE: 'none' }), {
      size: 1,
      logger,
      respawnInitialMs: 100,
      respawnMaxMs: 800,
    });
    runners.push(runner);

    // Sent before the worker has failed: rejected when it does (the door then apologises).
    await expect(runner.command({ text: 'help', userId: 'U1' })).rejects.toBeInstanceOf(Error);
    await waitFor(() => lines.length >= 4, 15_000);
    const waits = lines.map((l) => Number(/respawning in (\d+) ms/.exec(l)?.[1]));
    expect(waits.slice(0, 4)).toEqual([100, 200, 400, 800]);
    // While it is down between attempts, a request is refused at once rather than left unanswered.
    const started = Date.now();
    await expect(runner.command({ text: 'help', userId: 'U1' })).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(lines.every((l) => /crash \d+ in a row/.test(l))).toBe(true);
  }, 30_000);
});

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
