import type { App } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SlackIds } from '../../src/slack/ids.js';
import { type FakeSlack, globalShortcut, slashCommand, viewSubmission } from '../../support/fake-slack.js';
import { memoryLogger, startProcessEventApp } from '../helpers/slack-app.js';
import { texts } from './views/inspect.js';

const e = SlackIds.eventFields;
const values = (form: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(form).map(([field, value]) => [
      e[field as keyof typeof e],
      { [e[field as keyof typeof e]]: { type: 'plain_text_input', value } },
    ]),
  );

let fake: FakeSlack;
let app: App;
let stop: () => Promise<void>;
beforeAll(async () => {
  ({ fake, app, stop } = await startProcessEventApp(memoryLogger().logger));
});
afterAll(() => stop());

async function submit(form: Record<string, string>, userId: string) {
  const ack = vi.fn(async (_response?: unknown) => {});
  await app.processEvent({
    body: viewSubmission(SlackIds.surfaces.eventFormModal, values(form), userId),
    ack,
  });
  return ack.mock.calls[0]?.[0] as {
    response_action: string;
    errors?: Record<string, string>;
    view?: unknown;
  };
}

async function command(text: string, userId: string, name: string) {
  await app.processEvent({
    body: slashCommand({ text, responseUrl: fake.responseUrl(name), userId }),
    ack: async () => {},
  });
  const [answer] = await fake.waitFor((r) => r.path === `/response/${name}`);
  return answer.json as { response_type: string; text: string; blocks: KnownBlock[] };
}

describe('adding an event from Slack, through the real App', () => {
  it('gives a bad date a field error, and makes a good submission searchable at once', async () => {
    const bad = await submit({ title: 'Lake Chad Basin Dialogue', start: 'next tuesday-ish' }, 'UADMIN0100');
    expect(bad).toEqual({
      response_action: 'errors',
      errors: { [e.start]: expect.stringContaining('does not read') },
    });

    const good = await submit(
      { title: 'Lake Chad Basin Dialogue', start: '2027-02-10 15:00', themes: 'Peacekeeping partnerships' },
      'UADMIN0100',
    );
    expect(good.response_action).toBe('update');
    const card = await command('lake chad basin dialogue', 'U0READER01', 'added-find');
    const shown = texts(card.blocks).join('\n');
    expect(shown).toContain('Lake Chad Basin Dialogue');
    expect(shown).toContain('Added in Slack by <@UADMIN0100>');
  });

  it('refuses a non-editor: /event add answers ephemerally, and a forged submission saves nothing', async () => {
    const refused = await command('add', 'U0READER02', 'added-refused');
    expect(refused.response_type).toBe('ephemeral');
    expect(refused.text).toContain("Only the archive's editors can add or edit events");
    const forged = await submit({ title: 'Forged Forum', start: '2027-02-11' }, 'U0READER02');
    expect(forged.response_action).toBe('errors');
    const search = await command('forged forum', 'U0READER02', 'added-forged');
    expect(texts(search.blocks).join('\n')).not.toContain('Forged Forum');
  });

  it('opens the form from the global shortcut for an admin (placeholder first, then the form)', async () => {
    const before = fake.requests.length;
    await app.processEvent({
      body: globalShortcut(SlackIds.surfaces.addEventShortcut, 'UADMIN0101'),
      ack: async () => {},
    });
    const [update] = (await fake.waitFor((r) => r.path === '/api/views.update')).filter(
      (r) => fake.requests.indexOf(r) >= before,
    );
    const view = JSON.parse(String(update.form?.view)) as {
      callback_id: string;
      blocks: { block_id: string }[];
    };
    expect(view.callback_id).toBe(SlackIds.surfaces.eventFormModal);
    expect(view.blocks.map((b) => b.block_id)).toContain(e.start);
  });
});
