import { describe, expect, it } from 'vitest';
import { shortSummary } from '../../../src/core/commands/card-text.js';

describe('a card’s short summary', () => {
  it('starts at the summary’s start when a dot inside a word (a file name) is not a sentence end', () => {
    const summary =
      'Sample event shipped with event-archive-bot, not a real event: replace data/samples/upcoming-samples.ics with your own calendar. A closed-door briefing for member-state delegations.';
    expect(shortSummary(summary)).toBe(
      'Sample event shipped with event-archive-bot, not a real event: replace data/samples/upcoming-samples.ics with your own calendar.',
    );
  });

  it('adds the second sentence when the first is short, and cuts a long one between words', () => {
    expect(shortSummary('Short one. And a second sentence here. Third.')).toBe(
      'Short one. And a second sentence here.',
    );
    const long = shortSummary(`${'word '.repeat(80)}end.`);
    expect(long.length).toBeLessThanOrEqual(260);
    expect(long.endsWith('word…')).toBe(true);
  });
});
