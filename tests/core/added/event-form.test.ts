import { describe, expect, it } from 'vitest';
import { loadConfiguredArchive } from '../../../src/context.js';
import { readEventForm, submitEventForm } from '../../../src/core/added/event-form.js';
import { runEventCommand } from '../../../src/core/commands/index.js';
import type { Reply } from '../../../src/core/commands/reply.js';
import { renderReply } from '../../../src/slack/views/index.js';
import { fixedClock, memoryContext } from '../../helpers/context.js';
import { tempDir } from '../../helpers/temp.js';
import { texts } from '../../slack/views/inspect.js';

const FORM = {
  title: 'Sahel Mediation Roundtable',
  type: 'Roundtable',
  start: '2027-03-14 18:30',
  end: '2027-03-14 20:00',
  timezone: 'Africa/Bamako',
  location: 'Bamako',
  speakers: 'Aminata Touré (Former Prime Minister)\nJohn Doe',
  themes: 'Sahel mediation\nLocal ceasefires',
  tags: 'mediation, sahel',
  summary: 'Mediators compare notes.',
};

async function context(
  archive = '[{"id":"file-one","title":"A file event","start":"2019-01-01","themes":["Sahel mediation"]}]',
) {
  const dir = tempDir({ 'a.json': archive });
  const c = memoryContext(
    { EVENT_ARCHIVE: dir, EVENT_TIMEZONE: 'Europe/Zurich' },
    fixedClock('2026-11-29T12:00:00Z'),
  );
  await loadConfiguredArchive(c);
  return { c, dir };
}
const deps = (c: Awaited<ReturnType<typeof context>>['c']) => ({
  ...c.added,
  index: c.commands.index,
  clock: c.clock,
  zone: c.config.timezone,
});

describe('adding an event from Slack (core)', () => {
  it('answers each bad field with its own error: a bad date, an end before the start, a bad zone', () => {
    expect(readEventForm({ ...FORM, start: '14/03/2027' }, 'UTC')).toEqual({
      ok: false,
      errors: { start: expect.stringContaining('That date does not read') },
    });
    expect(readEventForm({ ...FORM, timezone: 'Mars/Olympus' }, 'UTC')).toMatchObject({
      ok: false,
      errors: { timezone: expect.stringContaining('IANA') },
    });
  });

  it('refuses an end before the start, on the end field', async () => {
    const { c } = await context();
    const result = await submitEventForm({ ...FORM, end: '2027-03-14 17:00' }, { userId: 'U0ED' }, deps(c));
    expect(result).toEqual({ ok: false, errors: { end: 'The end must not be before start.' } });
    expect(await c.added.store.all()).toEqual([]);
  });

  it('saves a good one in the state store and makes it searchable at once, saying who added it', async () => {
    const { c } = await context();
    const result = await submitEventForm(
      FORM,
      { userId: 'U0EDITOR1', workspace: { teamId: 'T1', enterpriseId: '' } },
      deps(c),
    );
    expect(result).toMatchObject({
      ok: true,
      created: true,
      event: { id: 'slack-2027-03-14-sahel-mediation-roundtable' },
    });
    const stored = await c.added.store.all();
    expect(stored).toEqual([
      expect.objectContaining({ addedBy: 'U0EDITOR1', workspace: { teamId: 'T1', enterpriseId: '' } }),
    ]);
    expect(stored[0].event.start).toBe('2027-03-14T18:30:00+00:00');
    const card = (await runEventCommand({ text: 'sahel roundtable' }, c.commands)).reply as Extract<
      Reply,
      { kind: 'event' }
    >;
    expect(card).toMatchObject({ kind: 'event', addedBy: 'U0EDITOR1', event: { title: FORM.title } });
    expect(card.actions).toContainEqual({
      kind: 'edit',
      eventId: 'slack-2027-03-14-sahel-mediation-roundtable',
    });
    expect(texts(renderReply(card).blocks).join('\n')).toContain('Added in Slack by <@U0EDITOR1>');
  });

  it('keeps Slack events through re-imports and removed files, and edits them in place', async () => {
    const { c, dir } = await context();
    const first = await submitEventForm(FORM, { userId: 'U0EDITOR1' }, deps(c));
    if (!first.ok) throw new Error('not saved');
    const id = first.event.id;
    // The same id in an archive file (an export committed to git, say) never overwrites the Slack one.
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      `${dir}/a.json`,
      JSON.stringify([{ id, title: 'Overwritten from a file', start: '2027-03-14' }]),
    );
    await loadConfiguredArchive(c);
    expect(c.commands.index.events([id])[0]?.title).toBe(FORM.title);
    const edited = await submitEventForm(
      { ...FORM, title: 'Sahel Mediation Roundtable (moved)' },
      { userId: 'U0EDITOR2', editing: id },
      deps(c),
    );
    expect(edited).toMatchObject({ ok: true, created: false });
    expect(c.commands.index.events([id])[0]?.title).toBe('Sahel Mediation Roundtable (moved)');
    expect(await c.added.store.get(id)).toMatchObject({ addedBy: 'U0EDITOR1', updatedBy: 'U0EDITOR2' });
    // A file's event cannot be edited as if it were a Slack one.
    expect(await submitEventForm(FORM, { userId: 'U0EDITOR2', editing: 'file-one' }, deps(c))).toMatchObject({
      ok: false,
    });
  });

  it('keeps modal text as plain text: no mention or link reaches a card as markup', async () => {
    const { c } = await context();
    await submitEventForm(
      {
        ...FORM,
        title: 'Forum <!channel> <https://evil.example|click> @here',
        summary: '<@U0VICTIM> *bold*',
      },
      { userId: 'U0EDITOR1' },
      deps(c),
    );
    const card = (await runEventCommand({ text: 'forum evil click' }, c.commands)).reply;
    // Every mrkdwn text Slack would parse (plain_text, such as labels, is never read as markup).
    const mrkdwn: string[] = [];
    JSON.stringify(renderReply(card).blocks, (_key, value) => {
      if (value && value.type === 'mrkdwn') mrkdwn.push(value.text);
      return value;
    });
    const shown = mrkdwn.join('\n');
    expect(shown).toContain('&lt;@U0VICTIM&gt;');
    expect(shown).not.toContain('<!channel>');
    expect(shown).not.toContain('<https://evil.example|click>');
    expect(shown).not.toContain('<@U0VICTIM>');
  });
});
