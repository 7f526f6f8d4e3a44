import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importArchive } from '../../../src/archive/import-archive.js';
import { formatProblem } from '../../../src/archive/types.js';
import { renderForConsole } from '../../../src/console/render.js';
import { parseEvent } from '../../../src/core/model.js';
import { eventCardBlocks } from '../../../src/slack/views/event-card.js';
import { memoryContext } from '../../helpers/context.js';
import { makeEvent } from '../../helpers/events.js';
import { cardReply } from '../../helpers/replies.js';
import { tempDir } from '../../helpers/temp.js';

const options = { now: new Date('2026-12-01T12:00:00Z'), defaultZone: 'UTC' };

describe('an event status', () => {
  it('is cancelled or postponed, whatever its case; anything else is a field problem', () => {
    expect(parseEvent({ title: 'Forum', start: '2027-01-05', status: 'Cancelled' })).toMatchObject({
      ok: true,
      event: { status: 'cancelled' },
    });
    expect(parseEvent({ title: 'Forum', start: '2027-01-05', status: 'maybe' })).toEqual({
      ok: false,
      problems: [{ field: 'status', message: 'must be cancelled or postponed' }],
    });
    const plain = parseEvent({ title: 'Forum', start: '2027-01-05' });
    expect(plain.ok && plain.event.status).toBeUndefined();
  });

  it('is stored, read back, and a change of status alone updates the event', async () => {
    const context = memoryContext();
    const line = (status?: string) =>
      JSON.stringify({ id: 'forum', title: 'Forum', start: '2027-01-05', status });
    const dir = tempDir({ 'a.jsonl': line() });
    await importArchive([dir], context.store, options);
    expect(context.store.getById('forum')?.status).toBeUndefined();
    writeFileSync(join(dir, 'a.jsonl'), line('postponed'));
    const summary = await importArchive([dir], context.store, options);
    expect(summary).toMatchObject({ updated: 1, rejected: 0 });
    expect(context.store.getById('forum')?.status).toBe('postponed');
    expect(summary.problems.map(formatProblem)).toEqual([]);
    context.close();
  });

  it('shows on the Slack card and the console card', () => {
    const event = makeEvent({ status: 'cancelled' });
    const fields = eventCardBlocks(cardReply(event)).flatMap((b) =>
      b.type === 'section' && b.fields ? b.fields.map((f) => f.text) : [],
    );
    expect(fields[0]).toBe('*Status*\nCancelled');
    expect(renderForConsole(cardReply(event)).text).toContain('Cancelled');
    const scheduled = eventCardBlocks(cardReply(makeEvent())).flatMap((b) =>
      b.type === 'section' && b.fields ? b.fields.map((f) => f.text) : [],
    );
    expect(scheduled.some((t) => t.startsWith('*Status*'))).toBe(false);
  });
});
