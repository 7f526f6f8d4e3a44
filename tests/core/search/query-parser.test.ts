import { describe, expect, it } from 'vitest';
import {
  cutAtWord,
  isEmptyQuery,
  MAX_QUERY_WORDS,
  parseQuery,
} from '../../../src/core/search/query-parser.js';

const now = new Date('2026-11-29T12:00:00Z');
const parse = (text: string) => parseQuery(text, now, 'UTC');

describe('parseQuery', () => {
  it('keeps meaningful words, lower-cased and without diacritics, and drops stopwords', () => {
    expect(parse('The Future of Peacekeeping in Côte d’Ivoire').words).toEqual([
      'future',
      'peacekeeping',
      'cote',
      'd',
      'ivoire',
    ]);
  });

  it('reads filters, with quotes for several words', () => {
    const q = parse('type:"Panel Discussion" speaker:Kaljulaid host:norway theme:"asymmetric threats" cyber');
    expect(q).toMatchObject({
      type: 'Panel Discussion',
      speaker: ['kaljulaid'],
      host: ['norway'],
      theme: ['asymmetric', 'threats'],
      words: ['cyber'],
    });
  });

  it('turns before: and after: into one range', () => {
    const q = parse('mediation after:2014 before:"march 2019"');
    expect(q.range).toMatchObject({
      fromMs: Date.parse('2015-01-01T00:00:00Z'),
      toMs: Date.parse('2019-03-01T00:00:00Z'),
    });
    expect(q.words).toEqual(['mediation']);
  });

  it('explains a before:/after: date it cannot read', () => {
    expect(parse('before:someday').problems[0]).toMatch(/before:someday.*before:2014-10-09/);
  });

  it('keeps quoted phrases whole', () => {
    expect(parse('"forced migration" women')).toMatchObject({
      phrases: [['forced', 'migration']],
      words: ['women'],
    });
  });

  it('mixes a date phrase into free text', () => {
    const q = parse('women peace security 2019');
    expect(q.words).toEqual(['women', 'peace', 'security']);
    expect(q.range?.label).toBe('2019');
  });

  it.each(['', '   ', '\t\n', '!!! ??? ...', '🙂🕊️🌍'])('sees nothing to search in %j', (text) => {
    expect(isEmptyQuery(parse(text))).toBe(true);
  });

  it('caps a 4,000-character query and says so', () => {
    const q = parse('peacekeeping '.repeat(300) + 'x'.repeat(400));
    expect(q.truncated).toBe(true);
    expect(q.words.length).toBeLessThanOrEqual(MAX_QUERY_WORDS);
  });

  it('treats SQL and regex metacharacters as plain text', () => {
    const q = parse(`'; DROP TABLE events; -- .* (a|b) [x] {y} \\ ^$ NEAR(a b) "unclosed`);
    expect(q.words).toEqual(expect.arrayContaining(['drop', 'table', 'near']));
    expect(q.words.every((w) => /^[\p{L}\p{N}]+$/u.test(w))).toBe(true);
  });

  it('cuts a long query at a word boundary', () => {
    expect(cutAtWord('forced migration in the sahel', 20)).toBe('forced migration in');
  });

  it('reads curly and guillemet quotes and an unclosed quote as phrases', () => {
    expect(parse('“fresh dialogue” un').phrases).toEqual([['fresh', 'dialogue']]);
    expect(parse('«forced migration»').phrases).toEqual([['forced', 'migration']]);
    expect(parse('"forced migration').phrases).toEqual([['forced', 'migration']]);
  });

  it('keeps numbers and codes, with codes written as one as phrases', () => {
    expect(parse('TEST 3').words).toEqual(['test', '3']);
    expect(parse('C-34 briefing')).toMatchObject({ words: ['c', '34', 'briefing'], phrases: [['c', '34']] });
    expect(parse('10th anniversary').range).toBeUndefined();
    expect(parse('resolution 2000').range).toBeUndefined();
  });

  it('takes pasted links and where: places out of the words', () => {
    const q = parse('see <https://www.example.org/events/x/?utm=1> where:"new york"');
    expect(q.links).toEqual(['https://www.example.org/events/x/?utm=1']);
    expect(q.place).toEqual(['new', 'york']);
    expect(q.words).toEqual(['see']);
  });

  it('reads a question: hosts named in it become a loose host filter, "how many" a count', () => {
    expect(parse('how many events hosted by norway')).toMatchObject({
      count: true,
      host: ['norway'],
      loose: true,
    });
  });
});
