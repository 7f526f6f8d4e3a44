import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCliCaptured } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';

/** A real calendar (node-ical's test suite) with 395 good events and six on days that do not exist. */
const CALENDAR = fileURLToPath(
  new URL('../fixtures/calendars/node-ical/large-file-with-late-error.ics', import.meta.url),
);

const cli = (argv: string[], env: Record<string, string>) =>
  runCliCaptured(argv, env, '2026-12-01T00:00:00Z');

describe('event-bot import and check on a calendar with broken parts', () => {
  it('imports the good events by default and prints each skipped VEVENT as a warning with its line', async () => {
    const env = { EVENT_DB: join(tempDir(), 'events.db'), EVENT_TIMEZONE: 'Europe/Helsinki' };

    const result = await cli(['import', CALENDAR], env);

    expect(result.code).toBe(0);
    expect(result.out).toContain('395 added');
    expect(result.err.split('\n')).toHaveLength(6);
    expect(result.err).toMatch(
      /^warning: \S*large-file-with-late-error\.ics:360: start: event skipped: "2024-02-30T10:00:00Z" is not a real date or time$/m,
    );
  });

  it('with --strict refuses the whole file, names every broken line and writes nothing', async () => {
    const env = { EVENT_DB: join(tempDir(), 'events.db'), EVENT_TIMEZONE: 'Europe/Helsinki' };

    const strict = await cli(['import', '--strict', CALENDAR], env);
    const stats = await cli(['stats'], env);

    expect(strict.code).toBe(1);
    expect(strict.out).toContain('0 added');
    expect(strict.err.split('\n').map((l) => Number(/\.ics:(\d+):/.exec(l)?.[1]))).toEqual([
      360, 366, 738, 1110, 1668, 2040,
    ]);
    expect(strict.err).not.toContain('warning:');
    expect(stats.out).toMatch(/^0 events,/);
  });

  it('check --strict exits 1 where check exits 0', async () => {
    const env = { EVENT_DB: join(tempDir(), 'events.db'), EVENT_TIMEZONE: 'Europe/Helsinki' };

    expect((await cli(['check', CALENDAR], env)).code).toBe(0);
    expect((await cli(['check', '--strict', CALENDAR], env)).code).toBe(1);
  });
});
