import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, describe, expect, it } from 'vitest';
import { generateEvents, generateQueries, type LabelledQuery } from '../../scripts/lib/generate-events.js';
import { loadJson, loadJsonLines } from '../../src/archive/json-loader.js';
import { type Event, parseEvent } from '../../src/core/model.js';
import { eventTimeToMillis, isDateOnly } from '../../src/core/time.js';

const NOW = new Date('2025-06-01T00:00:00Z');
const raw = generateEvents(2000, { seed: 42, now: NOW });
const events: Event[] = raw.flatMap((r) => {
  const parsed = parseEvent(r);
  return parsed.ok ? [parsed.event] : [];
});
const startMillis = events.map((e) => eventTimeToMillis(e.start, e.timezone));

function vocabulary(list: readonly Event[]): Set<string> {
  const words = new Set<string>();
  for (const e of list) {
    for (const text of [e.title, e.summary, ...e.themes.flatMap((t) => [t.title, t.summary])]) {
      for (const w of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) if (w) words.add(w);
    }
  }
  return words;
}

describe('generateEvents', () => {
  it('gives the same archive for the same seed and now', () => {
    expect(generateEvents(300, { seed: 42, now: NOW })).toEqual(generateEvents(300, { seed: 42, now: NOW }));
  });

  it('gives a different archive for a different seed', () => {
    const a = generateEvents(50, { seed: 1, now: NOW }).map((e) => e.title);
    const b = generateEvents(50, { seed: 2, now: NOW }).map((e) => e.title);
    expect(a).not.toEqual(b);
  });

  it('produces records that all pass parseEvent', () => {
    const failures = raw
      .map((r, i) => ({ i, result: parseEvent(r) }))
      .filter(({ result }) => !result.ok)
      .slice(0, 5);
    expect(failures).toEqual([]);
    expect(events).toHaveLength(2000);
  });

  it('gives every event a unique id', () => {
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
  });

  it('gives 3–7 themes with a title and a summary, 1–5 speakers and 1–3 hosts', () => {
    for (const e of events) {
      expect(e.themes.length).toBeGreaterThanOrEqual(3);
      expect(e.themes.length).toBeLessThanOrEqual(7);
      for (const t of e.themes) expect(t.summary.length).toBeGreaterThan(0);
      expect(e.speakers.length).toBeGreaterThanOrEqual(1);
      expect(e.speakers.length).toBeLessThanOrEqual(5);
      expect(e.hosts.length).toBeGreaterThanOrEqual(1);
      expect(e.hosts.length).toBeLessThanOrEqual(3);
    }
  });

  it('writes summaries of about 120 words', () => {
    const counts = events.map((e) => e.summary.split(/\s+/).length);
    const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
    expect(mean).toBeGreaterThan(100);
    expect(mean).toBeLessThan(150);
  });

  it('puts a few percent of events after now', () => {
    const future = startMillis.filter((t) => t > NOW.getTime()).length / events.length;
    expect(future).toBeGreaterThan(0.02);
    expect(future).toBeLessThan(0.1);
  });

  it('spreads events over at least 18 years', () => {
    const years = (Math.max(...startMillis) - Math.min(...startMillis)) / (365.25 * 86_400_000);
    expect(years).toBeGreaterThanOrEqual(18);
  });

  it('mixes date-only starts with offset date-times whose offset matches the event zone', () => {
    const dateOnly = events.filter((e) => isDateOnly(e.start));
    expect(dateOnly.length).toBeGreaterThan(50);
    expect(dateOnly.length).toBeLessThan(events.length / 2);
    for (const e of events.filter((x) => !isDateOnly(x.start))) {
      const written = DateTime.fromISO(e.start, { setZone: true });
      expect(written.setZone(e.timezone ?? 'UTC').offset, `${e.id} ${e.start} ${e.timezone}`).toBe(
        written.offset,
      );
    }
  });

  it('has a rich vocabulary, not a few hundred template words', () => {
    // Measured 8.9k distinct words at 2,000 events (about 25k at 100,000).
    expect(vocabulary(events).size).toBeGreaterThan(6000);
  });

  it('includes near-duplicate titles, as real archives do', () => {
    const titles = events.map((e) => e.title);
    const nested = titles.filter((t) => t.startsWith('The Future of ') && t.endsWith(' and Beyond'));
    expect(nested.length).toBeGreaterThan(0);
    expect(new Set(events.map((e) => e.type)).size).toBe(8);
  });
});

describe('generateQueries', () => {
  const queries = generateQueries(events, { seed: 7, perKind: 10 });
  const byId = new Map(events.map((e) => [e.id, e]));
  const kinds: LabelledQuery['kind'][] = ['typo', 'partial', 'speaker', 'host', 'theme', 'date', 'none'];

  it('gives perKind queries of every kind, labelled with events that exist', () => {
    for (const kind of kinds) {
      const ofKind = queries.filter((q) => q.kind === kind);
      expect(ofKind, kind).toHaveLength(10);
      for (const q of ofKind) {
        expect(q.query.trim().length).toBeGreaterThan(0);
        if (kind === 'none') expect(q.expectedId).toBeUndefined();
        else expect(byId.has(q.expectedId ?? ''), `${kind}: ${q.query}`).toBe(true);
      }
    }
  });

  it('is deterministic for a seed', () => {
    expect(generateQueries(events, { seed: 7, perKind: 10 })).toEqual(queries);
    expect(generateQueries(events, { seed: 8, perKind: 10 })).not.toEqual(queries);
  });

  it('misspells typo queries but builds the others from the event itself', () => {
    const words = (text: string) =>
      text
        .toLowerCase()
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .split(/[^a-z0-9]+/);
    for (const q of queries) {
      if (!q.expectedId) continue;
      const event = byId.get(q.expectedId) as Event;
      const known = new Set(
        words(
          [
            event.title,
            ...event.themes.map((t) => t.title),
            ...event.speakers.map((s) => s.name),
            ...event.hosts,
          ].join(' '),
        ),
      );
      const unknown = words(q.query).filter((w) => w && !known.has(w));
      if (q.kind === 'typo') expect(unknown.length, q.query).toBeGreaterThanOrEqual(1);
      else if (q.kind === 'date') expect(unknown.length, q.query).toBeLessThanOrEqual(2);
      else expect(unknown, `${q.kind}: ${q.query}`).toEqual([]);
    }
  });
});

describe('generated files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gen-archive-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('load through loadJsonLines without problems', () => {
    const text = `${generateEvents(500, { seed: 3, now: NOW })
      .map((e) => JSON.stringify(e))
      .join('\n')}\n`;
    const result = loadJsonLines(text, 'generated.jsonl');
    expect(result.problems).toEqual([]);
    expect(result.events).toHaveLength(500);
  });

  it('are written by the CLI as a JSON array, and bad arguments exit with 2', () => {
    const out = join(dir, 'small.json');
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'scripts/generate-archive.ts', ...args], {
        encoding: 'utf8',
      });
    const ok = cli('--count', '20', '--out', out, '--seed', '5', '--now', '2025-06-01');
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stderr).toContain(`Wrote 20 events to ${out}`);
    expect(loadJson(readFileSync(out, 'utf8'), out).events).toHaveLength(20);

    const bad = cli('--count', 'many', '--out', out);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--count must be a positive integer');
  });
});
