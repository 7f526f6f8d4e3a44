import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { iterateEvents } from '../scripts/lib/generate-events.js';

export const OUT_DIR = join(import.meta.dirname, 'out');
export const BENCH_NOW = new Date('2026-11-29T12:00:00Z');
export const BENCH_SEED = 42;

/** A generated JSON Lines archive of `count` events, written once and reused by later runs. */
export function archiveFile(count: number): string {
  mkdirSync(OUT_DIR, { recursive: true });
  const path = join(OUT_DIR, `archive-${count}.jsonl`);
  if (!existsSync(path)) {
    const lines: string[] = [];
    for (const event of iterateEvents(count, { seed: BENCH_SEED, now: BENCH_NOW }))
      lines.push(JSON.stringify(event));
    writeFileSync(path, `${lines.join('\n')}\n`);
  }
  return path;
}
