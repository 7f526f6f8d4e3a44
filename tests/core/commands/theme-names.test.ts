import { describe, expect, it } from 'vitest';
import { mergeThemes, themeKey } from '../../../src/core/commands/theme-names.js';

describe('theme names', () => {
  it.each([
    ['Peace & Security', 'peace and security.'],
    ['Human Rights', 'human right'],
    ['Ceasefires and sequencing', 'Ceasefire and Sequencing'],
    ['Policies for Women', 'policy for women'],
    ['Small Arms', 'small-arms'],
    ['Côte d’Ivoire', "cote d'ivoire"],
    ['Approaches', 'approach'],
  ])('"%s" and "%s" fall together', (a, b) => {
    expect(themeKey(a)).toBe(themeKey(b));
  });

  it.each([
    ['Peacekeeping', 'Peacebuilding'],
    ['Crisis', 'Cris'],
    ['Progress', 'Progres'],
    ['UN', 'US'],
  ])('"%s" and "%s" stay apart', (a, b) => {
    expect(themeKey(a)).not.toBe(themeKey(b));
  });

  it('adds the counts under the spelling most events use, most discussed first', () => {
    expect(
      mergeThemes([
        { title: 'peace and security', count: 2 },
        { title: 'Resourcing', count: 4 },
        { title: 'Peace & Security', count: 3 },
        { title: 'Peace and security.', count: 1 },
        { title: 'Legitimacy', count: 4 },
      ]),
    ).toEqual([
      { title: 'Peace & Security', count: 6, spellings: 3 },
      { title: 'Legitimacy', count: 4, spellings: 1 },
      { title: 'Resourcing', count: 4, spellings: 1 },
    ]);
  });
});
