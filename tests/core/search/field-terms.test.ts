import { describe, expect, it } from 'vitest';
import { generateEvents } from '../../../scripts/lib/generate-events.js';
import { acronymsIn, FIELD_ACRONYMS, synonymsOf } from '../../../src/core/search/field-terms.js';
import { tokenize } from '../../../src/core/search/tokens.js';

/** The field acronyms a text spells out, by the definition: each name as a pattern over space-joined tokens. */
function spelledOutByPattern(text: string): string[] {
  const tokens = ` ${tokenize(text).join(' ')} `;
  return [...FIELD_ACRONYMS]
    .filter(([, words]) => new RegExp(` ${words.join('(?: \\S{1,4}){0,2} ')} `).test(tokens))
    .map(([acronym]) => acronym);
}

describe('field terms', () => {
  it('ships a table of the field acronyms, each with the words it stands for', () => {
    expect(FIELD_ACRONYMS.get('wps')).toEqual(['women', 'peace', 'security']);
    expect(FIELD_ACRONYMS.get('r2p')).toEqual(['responsibility', 'protect']);
  });

  it('learns acronyms from parentheses and initials, and finds field acronyms spelled out', () => {
    expect(acronymsIn('The Global Alliance for Mediation (GAM) meets', [])).toContain('gam');
    expect(acronymsIn('', ['Vienna Center for Disarmament and Non-Proliferation'])).toContain('vcdnp');
    expect(acronymsIn('Women, peace and security in Colombia', [])).toContain('wps');
    expect(acronymsIn('The responsibility to protect at ten', [])).toContain('r2p');
    expect(acronymsIn('Peace and women in security', [])).not.toContain('wps');
  });

  it('finds a spelled-out name exactly where the pattern over its words does, in table order', () => {
    const words = [...new Set([...FIELD_ACRONYMS.values()].flat())];
    const filler = ['and', 'of', 'to the', 'for a', 'in', 'international', 'the', 'on', 'at', 'UN'];
    let seed = 5;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor((seed / 2147483648) * n);
    };
    const salads = Array.from({ length: 3000 }, () =>
      Array.from({ length: 3 + next(12) }, () =>
        next(2) ? words[next(words.length)] : filler[next(filler.length)],
      ).join(next(2) ? ' ' : ', '),
    );
    const generated = generateEvents(200, { seed: 3, now: new Date('2026-11-29T12:00:00Z') }).map((e) =>
      [e.title, ...(e.themes ?? []).map((t) => (typeof t === 'string' ? t : t.title)), e.summary].join(
        ' \n ',
      ),
    );
    let found = 0;
    for (const text of [...salads, ...generated]) {
      // Without parentheses only the spelled-out names count (tokens are the same either way).
      const plain = text.replace(/[()]/g, ' ');
      const expected = spelledOutByPattern(plain);
      expect(acronymsIn(plain, [])).toEqual(expected);
      if (expected.length) found++;
    }
    expect(found).toBeGreaterThan(100);
  });

  it('gives one-word synonyms of a word', () => {
    expect(synonymsOf('refugees')).toEqual(expect.arrayContaining(['displacement', 'displaced']));
    expect(synonymsOf('mediation')).not.toContain('peace talks');
  });
});
