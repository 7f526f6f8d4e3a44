import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadMarkdown } from '../../src/archive/markdown-loader.js';
import { loadScrapedPage } from '../../src/archive/scraped-page-loader.js';

const options = { now: new Date('2024-01-01T00:00:00Z'), defaultZone: 'America/New_York' };
const folder = new URL('../../data/events/', import.meta.url);
const files = readdirSync(folder)
  .filter((name) => name.endsWith('.md'))
  .sort();
const loaded = files.map((name) => ({
  name,
  ...loadMarkdown(readFileSync(new URL(name, folder), 'utf8'), name, options),
}));
const shipped = loaded.flatMap((result) => result.events);
const scraped = loadScrapedPage(
  readFileSync(new URL('../fixtures/archive/seed-page.txt', import.meta.url), 'utf8'),
  'seed-page.txt',
  options,
).events;

describe('the shipped archive in data/events', () => {
  it('loads every file without problems, one event each', () => {
    expect(loaded.flatMap((result) => result.problems)).toEqual([]);
    expect(loaded.map((result) => result.events.length)).toEqual([1, 1, 1, 1]);
  });

  it('names each file after its event id', () => {
    expect(loaded.map((result) => `${result.events[0].id}.md`)).toEqual(files);
  });

  it('holds the four events of the seed page', () => {
    expect(shipped.map((e) => [e.start, e.title]).sort()).toEqual([
      ['2013-09-25', 'Strengthening the Partnership: A Fresh Dialogue on UN Peacekeeping'],
      ['2014-09-30', 'Vike-Freiberga: Rethinking the United Nations'],
      ['2014-10-09', "Africa: China's Second Continent"],
      ['2014-10-09', 'Rethinking Women and Forced Migration'],
    ]);
  });

  it('agrees with the scraped page on every event id', () => {
    expect(shipped.map((e) => e.id).sort()).toEqual(scraped.map((e) => e.id).sort());
  });

  it('agrees with the scraped page on the dinner', () => {
    const fromPage = scraped[0];
    const fromFile = shipped.find((e) => e.id === fromPage.id);

    expect(fromFile).toBeDefined();
    expect(fromFile?.title).toBe(fromPage.title);
    expect(fromFile?.start).toBe(fromPage.start);
    expect(fromFile?.type).toBe(fromPage.type);
    expect(fromFile?.hosts).toEqual([
      'Government of Finland',
      'Government of Uruguay',
      'International Peace Institute',
    ]);
    expect(fromFile?.hosts).toEqual(fromPage.hosts);
    expect(fromFile?.themes.map((t) => t.title)).toEqual(fromPage.themes.map((t) => t.title));
    expect(fromFile?.themes).toEqual(fromPage.themes);
    expect(fromFile?.summary).toBe(fromPage.summary);
    expect(fromFile?.body).toBe(fromPage.body);
  });
});
