import { describe, expect, it } from 'vitest';
import { eventKey } from '../../src/core/model.js';
import {
  actionIdPattern,
  decodeActionValue,
  encodeActionValue,
  indexedActionId,
  rawActionValue,
  SlackIds,
  toReplyAction,
} from '../../src/slack/ids.js';

describe('action values', () => {
  it('round-trips event, page and reminder values as compact JSON', () => {
    expect(encodeActionValue({ e: 'ev-1' })).toBe('{"e":"ev-1"}');
    for (const value of [
      { e: 'ev-1' },
      { e: 'ev-1', w: 'day-before' as const },
      { p: 'upcoming' as const, q: 'next week', o: 5 },
      { r: '42' },
    ]) {
      expect(decodeActionValue(encodeActionValue(value))).toEqual(value);
    }
  });

  it('refuses to encode a value longer than the limit', () => {
    expect(encodeActionValue({ p: 'search', q: 'x'.repeat(2000), o: 0 })).toBeUndefined();
  });

  it('carries an id too long for an option value as its short key, so the value fits', () => {
    const id = 'x'.repeat(140);
    expect(encodeActionValue({ e: id, w: 'morning-of' }, 150)).toBe(
      JSON.stringify({ e: eventKey(id), w: 'morning-of' }),
    );
    expect(encodeActionValue({ e: '2013-09-25-dinner' })).toBe('{"e":"2013-09-25-dinner"}');
  });

  it.each([
    undefined,
    42,
    '',
    'not json',
    '{"e":""}',
    '{"e":1}',
    '{"p":"search","q":"x","o":-1}',
    '{"p":"search","q":"x","o":1.5}',
    '{"p":"share peacekeeping","q":"x","o":0}',
    '{"c":"peacekeeping","o":5}',
    '{"e":"ev","w":"next-year"}',
    '{"e":"ev","extra":true}',
    '[]',
    'null',
    `{"p":"search","q":"${'x'.repeat(2100)}","o":0}`,
  ])('decodes %s to undefined', (raw) => {
    expect(decodeActionValue(raw)).toBeUndefined();
  });
});

describe('toReplyAction', () => {
  const a = SlackIds.actions;
  it('maps each action id back to the core action', () => {
    expect(toReplyAction(a.share, '{"e":"ev"}')).toEqual({ kind: 'share', eventId: 'ev' });
    expect(toReplyAction(a.remind, '{"e":"ev","w":"hour-before"}')).toEqual({
      kind: 'remind',
      eventId: 'ev',
      when: 'hour-before',
    });
    expect(toReplyAction(a.moreLike, '{"e":"ev"}')).toEqual({ kind: 'more-like', eventId: 'ev' });
    expect(toReplyAction(a.open, '{"e":"ev"}')).toEqual({ kind: 'open', eventId: 'ev' });
    expect(toReplyAction(a.page, '{"p":"share","q":"peacekeeping","o":5}')).toEqual({
      kind: 'page',
      direction: 'next',
      page: { subcommand: 'share', words: 'peacekeeping', offset: 5 },
    });
    expect(toReplyAction(indexedActionId(a.suggest, 3), '{"p":"search","q":"peacekeeping","o":0}')).toEqual({
      kind: 'suggest',
      page: { subcommand: 'search', words: 'peacekeeping', offset: 0 },
    });
  });

  it('refuses a value that does not fit the action', () => {
    expect(toReplyAction(a.open, '{"p":"search","q":"x","o":0}')).toBeUndefined();
    expect(toReplyAction(a.page, '{"e":"ev"}')).toBeUndefined();
    expect(toReplyAction('someone_else', '{"e":"ev"}')).toBeUndefined();
  });

  it('reads values from buttons and selects alike', () => {
    expect(rawActionValue({ value: 'v' })).toBe('v');
    expect(rawActionValue({ selected_option: { value: 'o' } })).toBe('o');
  });

  it('matches indexed ids with a pattern', () => {
    const pattern = actionIdPattern(a.suggest);
    expect(pattern.test(a.suggest)).toBe(true);
    expect(pattern.test(`${a.suggest}:12`)).toBe(true);
    expect(pattern.test(`${a.suggest}x`)).toBe(false);
  });

  it('keeps every id unique', () => {
    const all = [...Object.values(SlackIds.actions), ...Object.values(SlackIds.blocks)];
    expect(new Set(all).size).toBe(all.length);
  });
});
