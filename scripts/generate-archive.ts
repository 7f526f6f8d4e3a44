import { closeSync, openSync, writeSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { iterateEvents } from './lib/generate-events.js';

/**
 * Writes a seeded synthetic archive for benchmarks and load tests:
 *   npm run gen -- --count N --out FILE [--seed S] [--now ISO]
 * `.json` gives a JSON array; anything else gives JSON Lines, one event per line.
 */

const USAGE = 'usage: npm run gen -- --count N --out FILE [--seed S] [--now ISO-DATE]';
const BATCH = 1000;

function fail(message: string, showUsage = true): never {
  process.stderr.write(`generate-archive: ${message}\n${showUsage ? `${USAGE}\n` : ''}`);
  process.exit(2);
}

function parseOptions(argv: string[]): { count: number; out: string; seed: number; now: Date } {
  let values: { count?: string; out?: string; seed?: string; now?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        count: { type: 'string', short: 'n' },
        out: { type: 'string', short: 'o' },
        seed: { type: 'string' },
        now: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  if (values.count === undefined) fail('--count is required');
  if (!/^\d+$/.test(values.count) || Number(values.count) < 1)
    fail(`--count must be a positive integer, got "${values.count}"`);
  if (!values.out) fail('--out is required');
  const seed = values.seed === undefined ? 42 : Number(values.seed);
  if (values.seed !== undefined && (!/^-?\d+$/.test(values.seed) || !Number.isSafeInteger(seed))) {
    fail(`--seed must be an integer, got "${values.seed}"`);
  }
  // Default to today (UTC midnight) so two runs on the same day agree.
  const now =
    values.now === undefined
      ? new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`)
      : new Date(values.now);
  if (Number.isNaN(now.getTime())) fail(`--now must be an ISO date or date-time, got "${values.now}"`);
  return { count: Number(values.count), out: values.out, seed, now };
}

function main(): void {
  const { count, out, seed, now } = parseOptions(process.argv.slice(2));
  const asArray = out.toLowerCase().endsWith('.json');
  process.stderr.write(`Generating ${count} events (--seed ${seed} --now ${now.toISOString()})\n`);
  const started = performance.now();
  let fd: number;
  try {
    fd = openSync(out, 'w');
  } catch (error) {
    fail(`cannot write ${out}: ${error instanceof Error ? error.message : String(error)}`, false);
  }
  // Written in batches: a 100k-event archive is a few hundred MB, too big to build as one string.
  let batch: string[] = [];
  let written = 0;
  const flush = () => {
    if (!batch.length) return;
    const text = asArray
      ? `${written === batch.length ? '[\n' : ',\n'}${batch.join(',\n')}`
      : `${batch.join('\n')}\n`;
    writeSync(fd, text);
    batch = [];
  };
  for (const event of iterateEvents(count, { seed, now })) {
    batch.push(JSON.stringify(event));
    written++;
    if (batch.length >= BATCH) flush();
  }
  flush();
  if (asArray) writeSync(fd, '\n]\n');
  closeSync(fd);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stderr.write(`Wrote ${written} events to ${out} in ${seconds}s\n`);
}

main();
