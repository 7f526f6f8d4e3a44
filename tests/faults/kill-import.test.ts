import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { iterateEvents } from '../../scripts/lib/generate-events.js';
import { loadConfig } from '../../src/config.js';
import { type AppContext, createContext } from '../../src/context.js';
import type { Event } from '../../src/core/model.js';
import { parseQuery } from '../../src/core/search/query-parser.js';
import { searchEvents } from '../../src/core/search/search-events.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Enough events for the bulk path (merging off, derived tables rebuilt whole). */
const EVENTS = 2000;
const NOW = new Date('2026-11-29T12:00:00Z');

let dir: string;
let events: Event[];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'event-bot-kill-'));
  events = [...iterateEvents(EVENTS, { seed: 7, now: NOW })] as Event[];
  writeFileSync(join(dir, 'archive.jsonl'), `${events.map((e) => JSON.stringify(e)).join('\n')}\n`);
  writeFileSync(
    join(dir, 'first.jsonl'),
    `${events
      .slice(0, 800)
      .map((e) => JSON.stringify(e))
      .join('\n')}\n`,
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const envFor = (db: string, archive: string) => ({
  ...process.env,
  EVENT_DB: db,
  EVENT_ARCHIVE: archive,
  EVENT_TIMEZONE: 'UTC',
  SLACK_APP_TOKEN: '',
  SLACK_BOT_TOKEN: '',
  SLACK_SIGNING_SECRET: '',
});

function node(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; signal: string | null; out: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (c) => {
    out += String(c);
  });
  child.stderr.on('data', (c) => {
    out += String(c);
  });
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, out })));
}

/** The bot's own start: console mode with stdin at its end, so it loads the archive, checks the index and exits. */
const startBot = (db: string, archive: string) => node(['src/main.ts'], envFor(db, archive));

function open(db: string, archive: string): AppContext {
  return createContext(loadConfig(envFor(db, archive)));
}

/** Every stored event is in both full-text indexes, the derived tables are current, and real searches find events. */
function expectSearchFindsEverything(context: AppContext, expected: number): void {
  const health = context.store.indexHealth(true);
  expect(health).toMatchObject({ ok: true, events: expected, missing: 0, orphans: 0, derivedCurrent: true });
  const vocab = context.db.prepare('SELECT count(*) AS n FROM vocab').get() as { n: number };
  const words = context.db
    .prepare('SELECT count(*) AS n FROM events_vocab WHERE length(term) BETWEEN 1 AND 40')
    .get() as { n: number };
  expect(vocab.n).toBe(words.n);
  const stored = context.commands.index.browse({}, 'asc', expected, 0);
  expect(stored).toHaveLength(expected);
  const byId = new Map(
    context.commands.index.events(stored.filter((_, i) => i % 100 === 0)).map((e) => [e.id, e]),
  );
  for (const [id, event] of byId) {
    const hits = searchEvents(parseQuery(`"${event.title}"`, NOW, 'UTC'), context.commands.index, {
      limit: 50,
      nowMs: NOW.getTime(),
    }).hits.map((h) => h.event.id);
    expect(hits, event.title).toContain(id);
  }
}

describe('kill -9 during an import', () => {
  for (const step of ['before', 'inside', 'after'] as const) {
    it(`${step} the commit: the next start has every stored event searchable`, async () => {
      const db = join(dir, `${step}.db`);
      const archive = join(dir, 'archive.jsonl');
      // A first import that finished, so there is a previous archive to keep.
      expect((await startBot(db, join(dir, 'first.jsonl'))).code).toBe(0);
      const killed = await node(['tests/faults/support/import-then-die.ts', step], envFor(db, archive));
      expect(killed.signal, killed.out).toBe('SIGKILL');
      const before = open(db, archive);
      // The crash left either the previous archive or the whole new one, never part of one.
      expect(before.store.stats().events).toBe(step === 'after' ? EVENTS : 800);
      expect(before.store.indexHealth(true).ok).toBe(true);
      before.close();
      const restarted = await startBot(db, archive);
      expect(restarted.code, restarted.out).toBe(0);
      const after = open(db, archive);
      try {
        expectSearchFindsEverything(after, EVENTS);
      } finally {
        after.close();
      }
    }, 120_000);
  }

  it('a database left with a stale vocabulary by an older version is repaired at the next start', async () => {
    const db = join(dir, 'stale.db');
    const archive = join(dir, 'archive.jsonl');
    expect((await startBot(db, archive)).code).toBe(0);
    const stale = open(db, archive);
    // What a kill between the events' commit and the separate vocabulary refresh used to leave.
    stale.db.exec(
      'DELETE FROM vocab; DELETE FROM theme_counts; UPDATE search_state SET data_gen = data_gen + 1',
    );
    stale.close();
    const restarted = await startBot(db, archive);
    expect(restarted.code, restarted.out).toBe(0);
    expect(restarted.out).toMatch(
      /search index did not match the events; rebuilt its vocabulary and theme counts/,
    );
    const after = open(db, archive);
    try {
      expectSearchFindsEverything(after, EVENTS);
      expect(after.commands.index.themeCounts(1).total).toBeGreaterThan(0);
    } finally {
      after.close();
    }
  }, 120_000);

  it('event-bot doctor reports an index missing rows and rebuilds it; import --force repairs it too', async () => {
    const db = join(dir, 'doctor.db');
    const archive = join(dir, 'archive.jsonl');
    expect((await startBot(db, archive)).code).toBe(0);
    const broken = open(db, archive);
    broken.db.exec('DELETE FROM short_fts WHERE rowid IN (SELECT seq FROM events ORDER BY seq LIMIT 10)');
    broken.close();
    const dry = await node(['src/cli/index.ts', 'doctor', '--dry-run'], envFor(db, archive));
    expect(dry.code).toBe(1);
    expect(dry.out).toMatch(/10 event row\(s\) missing from the search index/);
    const fixed = await node(['src/cli/index.ts', 'doctor'], envFor(db, archive));
    expect(fixed.code, fixed.out).toBe(0);
    expect(fixed.out).toMatch(/repaired: both full-text indexes rebuilt from 2000 events/);
    const after = open(db, archive);
    expectSearchFindsEverything(after, EVENTS);
    after.db.exec("DELETE FROM vocab WHERE term = 'peace'");
    after.db.exec('DELETE FROM events_fts WHERE rowid IN (SELECT seq FROM events ORDER BY seq LIMIT 3)');
    after.close();
    const forced = await node(['src/cli/index.ts', 'import', '--force', archive], envFor(db, archive));
    expect(forced.code, forced.out).toBe(0);
    const repaired = open(db, archive);
    try {
      expectSearchFindsEverything(repaired, EVENTS);
    } finally {
      repaired.close();
    }
  }, 180_000);
});
