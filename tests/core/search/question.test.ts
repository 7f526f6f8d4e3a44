import { describe, expect, it } from 'vitest';
import { readQuestion } from '../../../src/core/search/question.js';

describe('readQuestion', () => {
  it.each([
    ['what did we host on mediation in mali?', 'mediation in mali?', false],
    ['was there anything about the arctic', 'the arctic', false],
    ['who spoke at the sahel forum', 'the sahel forum', false],
    ['how many events on cyber norms', 'cyber norms', true],
    ['which events were about climate', 'climate', true],
    ['everything we did on peacekeeping', 'peacekeeping', true],
    ['what did the watch list dialogue cover?', 'the watch list dialogue', false],
    ['peacekeeping finland', 'peacekeeping finland', false],
  ])('reads %j as %j (count: %s)', (input, text, count) => {
    const reading = readQuestion(input);
    expect(reading.text).toBe(text);
    expect(reading.count).toBe(count);
  });

  it('names hosts from "hosted by", "co-hosted with" and "what did X host"', () => {
    expect(readQuestion('events hosted by the government of norway on mediation')).toMatchObject({
      host: 'the government of norway',
      text: 'events on mediation',
    });
    expect(readQuestion('panels co-hosted with finland').host).toBe('finland');
    expect(readQuestion('what did brookings host with david brooks')).toMatchObject({
      host: 'brookings',
      text: 'david brooks',
    });
  });

  it('names speakers from "when did X speak" and "speech by X"', () => {
    expect(readQuestion('when did kaljulaid speak').speaker).toBe('kaljulaid');
    expect(readQuestion('keynote speech by amina mohammed').speaker).toBe('amina mohammed');
  });
});
