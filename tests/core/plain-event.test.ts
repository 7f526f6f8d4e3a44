import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateEvents } from '../../scripts/lib/generate-events.js';
import { parseEvent, parseEventWithSchemas, plainEvent, type Source } from '../../src/core/model.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const jsonLines = (path: string): Record<string, unknown>[] =>
  readFileSync(join(FIXTURES, path), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line));

const records: Record<string, unknown>[] = [
  ...jsonLines('relevance/archive.jsonl'),
  ...jsonLines('relevance-real/archive.jsonl'),
  ...(JSON.parse(readFileSync(join(FIXTURES, 'archive', 'any-ids.json'), 'utf8')).events as Record<
    string,
    unknown
  >[]),
  ...(generateEvents(300, { seed: 7, now: new Date('2026-11-29T12:00:00Z') }) as Record<string, unknown>[]),
];

/** A seeded generator, so a failing case can be run again. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

const long = (n: number) => 'x'.repeat(n);
/** Values each field may be given: plain ones, ones the schemas trim or default, and broken ones. */
const VARIANTS: Record<string, unknown[]> = {
  id: [
    undefined,
    null,
    '',
    '  ',
    ' padded-id ',
    'a\tb',
    'ok-id',
    42,
    long(2000),
    long(2001),
    'https://x.org/e/1',
  ],
  title: [undefined, null, '', '   ', ' Padded ', 7, long(500), long(501), 'Plain title'],
  type: [undefined, null, '', ' ', ' Panel ', long(100), long(101), 3],
  start: [
    undefined,
    '',
    ' 2020-02-29 ',
    '2021-02-29',
    '2020-01-01T24:00:00Z',
    '2020-01-01T10:00:00',
    '2020-01-01T10:00:00+02:00',
    '2020-13-01',
    20200101,
  ],
  end: [undefined, null, '', ' ', '2019-01-01', '2030-01-01T10:00Z', ' 2030-01-01 ', 'soon', 5],
  timezone: [undefined, null, '', ' ', 'Europe/Helsinki', ' Asia/Tokyo ', 'Mars/Olympus', 1],
  location: [undefined, null, '', '   ', ' Geneva ', long(500), long(501), {}],
  url: [
    undefined,
    null,
    '',
    ' https://example.org/a ',
    'ftp://example.org',
    'not a link',
    'https://exa\tmple.org/x',
    'HTTP://EXAMPLE.ORG',
    9,
  ],
  hosts: [undefined, null, [], ['A', ' B '], [''], ['  '], [long(301)], 'Norway', [1]],
  speakers: [
    undefined,
    null,
    [],
    ['Ann'],
    [{ name: 'Ann' }],
    [{ name: ' Ann ', role: null }],
    [{ name: 'Ann', role: '' }],
    [{ name: 'Ann', role: '  Minister ' }],
    [{ name: '' }],
    [{ role: 'x' }],
    [{ name: 'Ann', role: 3 }],
    [['Ann']],
    [null],
    'Ann',
  ],
  summary: [undefined, null, '', ' text ', long(50_001), 4],
  body: [undefined, null, '', ' body ', long(200_001)],
  themes: [
    undefined,
    null,
    [],
    ['Resourcing'],
    [{ title: 'A', summary: null }],
    [{ title: ' A ', summary: ' s ' }],
    [{ title: '' }],
    [{ summary: 'x' }],
    Array.from({ length: 201 }, (_, i) => `T${i}`),
    Array.from({ length: 200 }, (_, i) => `T${i}`),
    [5],
  ],
  tags: [undefined, null, [], ['a', ' b '], [''], [long(101)], 'tag'],
  series: [undefined, null, '', ' ', ' s-1 ', long(201)],
  status: [undefined, null, '', ' Cancelled ', 'POSTPONED', 'scheduled', 1],
  extra: [undefined, 'ignored'],
};

const SOURCES: (Source | undefined)[] = [
  { file: 'f.jsonl', line: 3 },
  undefined,
  { file: 'f.jsonl', line: -1 },
  { file: 'f.jsonl', line: 1.5 },
];

/** Each fixture record with some of its fields swapped for variants. */
function* mutations(count: number): Generator<Record<string, unknown>> {
  const next = random(13);
  const fields = Object.keys(VARIANTS);
  for (let i = 0; i < count; i++) {
    const record: Record<string, unknown> = { ...records[Math.floor(next() * records.length)] };
    const changes = 1 + Math.floor(next() * 3);
    for (let c = 0; c < changes; c++) {
      const field = fields[Math.floor(next() * fields.length)];
      const options = VARIANTS[field];
      const value = options[Math.floor(next() * options.length)];
      if (value === undefined) delete record[field];
      else record[field] = value;
    }
    yield record;
  }
}

/** The fast path either declines or builds exactly what the schemas build, key order included. */
function expectAgreement(record: unknown, source?: Source): boolean {
  const plain = plainEvent(record, source);
  const schemas = parseEventWithSchemas(record, source);
  if (plain === undefined) {
    expect(parseEvent(record, source)).toStrictEqual(schemas);
    return false;
  }
  expect(schemas.ok, JSON.stringify(record).slice(0, 300)).toBe(true);
  if (!schemas.ok) return true;
  expect(plain).toStrictEqual(schemas.event);
  expect(JSON.stringify(plain)).toBe(JSON.stringify(schemas.event));
  expect(plain.speakers.map((s) => Object.keys(s))).toEqual(
    schemas.event.speakers.map((s) => Object.keys(s)),
  );
  return true;
}

describe('the plain-record fast path of parseEvent', () => {
  it('takes every valid fixture record, and builds what the zod schemas build', () => {
    for (const [i, record] of records.entries()) {
      expect(expectAgreement(record, { file: 'fixture.jsonl', line: i + 1 })).toBe(true);
    }
  });

  it('agrees with the schemas on thousands of records with fields trimmed, defaulted, absent or broken', () => {
    let taken = 0;
    let declined = 0;
    for (const [i, record] of [...mutations(4000)].entries()) {
      if (expectAgreement(record, SOURCES[i % SOURCES.length])) taken++;
      else declined++;
    }
    // Both sides are exercised: many mutated records are still valid, many are not.
    expect(taken).toBeGreaterThan(500);
    expect(declined).toBeGreaterThan(500);
  });

  it('leaves the problems of a broken record to the schemas, with their messages', () => {
    const record = { title: ' ', start: '2020-01-01', end: '2019-01-01', speakers: [{ name: '' }] };
    expect(plainEvent(record)).toBeUndefined();
    const parsed = parseEvent(record);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems.map((p) => p.field)).toEqual(['title', 'speakers.0.name', 'end']);
  });
});
