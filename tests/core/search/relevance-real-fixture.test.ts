import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadJsonLines } from '../../../src/archive/json-loader.js';
import { RELEVANCE_REAL_ARCHIVE } from '../../helpers/search.js';

interface Labelled {
  kind: string;
  query: string;
  expect: string | null;
}

const KINDS = [
  'question',
  'paraphrase',
  'acronym',
  'number',
  'constraints',
  'no-diacritics',
  'quoted',
  'url',
  'place',
  'date',
  'typo',
  'none',
];

const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/relevance-real/${name}`, import.meta.url), 'utf8');
const archiveText = readFileSync(RELEVANCE_REAL_ARCHIVE, 'utf8');
const loaded = loadJsonLines(archiveText, 'archive.jsonl');
const queries: Labelled[] = JSON.parse(fixture('queries.json'));
const readme = fixture('README.md');
const records = archiveText
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('the real-world relevance fixture', () => {
  it('loads every line through the JSON-lines loader with no problem', () => {
    expect(loaded.problems).toEqual([]);
    expect(loaded.events).toHaveLength(records.length);
    expect(loaded.events.length).toBeGreaterThanOrEqual(100);
  });

  it('keeps the facts-plus-own-words shape: a source page, hosts, a short summary and 2–5 themes', () => {
    for (const event of loaded.events) {
      const where = `${event.id} (line ${event.source?.line})`;
      expect(event.url, where).toMatch(/^https?:\/\//);
      expect(event.hosts.length, where).toBeGreaterThan(0);
      expect(event.summary.split(/(?<=[.!?])\s+/).length, where).toBeLessThanOrEqual(3);
      expect(event.themes.length, where).toBeGreaterThanOrEqual(2);
      expect(event.themes.length, where).toBeLessThanOrEqual(5);
    }
  });

  it('lets the loader derive every id, so the expected ids follow deriveEventId', () => {
    expect(records.filter((r) => 'id' in r)).toEqual([]);
  });

  it('names the source page of every event in its README', () => {
    const missing = loaded.events.filter((e) => !readme.includes(`| ${e.url} |`)).map((e) => e.id);
    expect(missing).toEqual([]);
  });

  it('has at least 150 labelled queries covering every kind, 25 of them with no answer', () => {
    expect(queries.length).toBeGreaterThanOrEqual(150);
    expect(new Set(queries.map((q) => q.kind))).toEqual(new Set(KINDS));
    expect(queries.filter((q) => q.kind === 'none').every((q) => q.expect === null)).toBe(true);
    expect(queries.filter((q) => q.expect === null).length).toBeGreaterThanOrEqual(25);
    expect(new Set(queries.map((q) => q.query)).size).toBe(queries.length);
  });

  it('expects only events that exist in the archive', () => {
    const ids = new Set(loaded.events.map((e) => e.id));
    const unknown = queries.filter((q) => q.expect !== null && !ids.has(q.expect)).map((q) => q.query);
    expect(unknown).toEqual([]);
  });
});
