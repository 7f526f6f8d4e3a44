import { describe, expect, it } from 'vitest';
import { acronymsIn, FIELD_ACRONYMS, synonymsOf } from '../../../src/core/search/field-terms.js';

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

  it('gives one-word synonyms of a word', () => {
    expect(synonymsOf('refugees')).toEqual(expect.arrayContaining(['displacement', 'displaced']));
    expect(synonymsOf('mediation')).not.toContain('peace talks');
  });
});
