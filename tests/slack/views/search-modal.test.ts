import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { VIEW_BLOCK_LIMIT } from '../../../src/slack/views/home.js';
import { checkLimits } from '../../../src/slack/views/limits.js';
import { readSearchForm, searchModal } from '../../../src/slack/views/search-modal.js';
import { makeEvent } from '../../helpers/events.js';
import { listItems } from '../../helpers/replies.js';
import { texts, withoutBotTokens } from './inspect.js';

describe('the search modal view', () => {
  it('stays within Slack’s limits with long types, titles and ten results', () => {
    const items = listItems(
      Array.from({ length: 10 }, (_, i) =>
        makeEvent({ id: `e${i}`, title: `${'Long title '.repeat(40)}${i}`, location: 'x'.repeat(500) }),
      ),
    );
    const view = searchModal({
      types: ['Panel', 'y'.repeat(200), ...Array.from({ length: 150 }, (_, i) => `Type ${i}`)],
      form: { words: 'w'.repeat(400), year: '20199' },
      results: { items, more: true, summary: 's'.repeat(1000) },
    });
    expect(view.blocks.length).toBeLessThanOrEqual(VIEW_BLOCK_LIMIT);
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(checkLimits(view.blocks as KnownBlock[]).filter((v) => v.limit !== 13_000)).toEqual([]);
  });

  it('escapes archive text in the results and links titles only to http(s) pages', () => {
    const evil = makeEvent({ title: '<!channel> dinner', url: 'javascript:alert(1)', location: '<@U1>' });
    const view = searchModal({
      types: [],
      results: { items: listItems([evil]), more: false, summary: '<!here>' },
    });
    const shown = texts(view.blocks as KnownBlock[])
      .map(withoutBotTokens)
      .join('\n');
    expect(shown).not.toMatch(/<!channel>|<!here>|<@U1>|javascript:/);
  });

  it('reads the inputs back from a submission’s state', () => {
    expect(
      readSearchForm({
        search_words: { search_words: { value: 'peace' } },
        search_type: { search_type: { selected_option: { value: 'Panel' } } },
        search_year: { search_year: { value: null } },
      }),
    ).toEqual({ words: 'peace', type: 'Panel', year: undefined, place: undefined, speaker: undefined });
  });
});
