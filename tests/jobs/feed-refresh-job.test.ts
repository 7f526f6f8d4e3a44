import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AppContext, importIntoContext } from '../../src/context.js';
import { MAX_FEED_BACKOFF_MS, startFeedRefreshJob, ticksToSkip } from '../../src/jobs/feed-refresh-job.js';
import { fixedClock, memoryContext } from '../helpers/context.js';
import { type FeedServer, startFeedServer } from '../helpers/feed-server.js';

const APPLE = readFileSync(
  join(import.meta.dirname, '../fixtures/calendars/node-ical/tentative-apple-calendar.ics'),
  'utf8',
);
const MINUTE = 60_000;

describe('ticksToSkip', () => {
  it('doubles the wait with each failure in a row, up to six hours', () => {
    expect([0, 1, 2, 3, 4].map((n) => ticksToSkip(n, 15 * MINUTE))).toEqual([0, 1, 3, 7, 15]);
    expect(ticksToSkip(40, 15 * MINUTE)).toBe(MAX_FEED_BACKOFF_MS / (15 * MINUTE) - 1);
  });

  it("waits at least as long as the server's Retry-After", () => {
    expect(ticksToSkip(1, 15 * MINUTE, 60 * MINUTE)).toBe(3);
  });
});

describe('the feed refresh job', () => {
  let server: FeedServer;
  let context: AppContext;
  const logged: string[] = [];
  const logger = {
    info: (...m: unknown[]) => logged.push(`info: ${m.join(' ')}`),
    warn: (...m: unknown[]) => logged.push(`warn: ${m.join(' ')}`),
    error: (...m: unknown[]) => logged.push(`error: ${m.join(' ')}`),
  };

  beforeEach(async () => {
    server = await startFeedServer(APPLE);
    context = memoryContext({ EVENT_TIMEZONE: 'America/Vancouver' }, fixedClock('2022-07-01T12:00:00Z'));
    logged.length = 0;
  });
  afterEach(async () => {
    context.close();
    await server.close();
  });

  const job = () =>
    startFeedRefreshJob({
      feeds: [server.url()],
      intervalMs: 15 * MINUTE,
      refresh: (due) =>
        importIntoContext(context, due, { fetchLimits: { timeoutMs: 10_000, maxBytes: 1 << 20 } }),
      logger,
      timer: false,
    });

  it('refreshes with a conditional request: unchanged is one 304 and logs nothing', async () => {
    const refresh = job();
    await refresh.tick();
    await refresh.tick();
    expect(server.seen.map((r) => r.status)).toEqual([200, 304]);
    expect(logged).toEqual([expect.stringMatching(/^info: calendar feeds refreshed: 3 added/)]);
  });

  it('backs off a failing feed, logs each failure with the copy still serving, and recovers at once', async () => {
    const refresh = job();
    await refresh.tick();
    server.mode = 'error500';
    const attempts: number[] = [];
    for (let i = 0; i < 8; i++) {
      await refresh.tick();
      attempts.push(server.seen.length);
    }
    // Failures at ticks 1, 3 and 7 (waits of 1, then 3 ticks); nothing asked in between.
    expect(attempts).toEqual([2, 2, 3, 3, 3, 3, 4, 4]);
    expect(logged.filter((l) => l.includes('HTTP 500'))).toHaveLength(3);
    expect(logged).toContain(`warn: ${server.url()}: failed 2 time(s) in a row; next attempt in 60 min`);
    expect(context.db.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 3 });

    server.mode = 'serve';
    for (let i = 0; i < 8; i++) await refresh.tick();
    const after = server.seen.slice(4).map((r) => r.status);
    expect(after[0]).toBe(304);
    expect(after.every((s) => s === 304)).toBe(true);
    expect(after.length).toBeGreaterThanOrEqual(1);
  });
});
