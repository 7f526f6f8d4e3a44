import type { KnownBlock, ModalView } from '@slack/types';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { SlackIds } from '../../../../src/slack/ids.js';
import { mentionedShortcutListener } from '../../../../src/slack/listeners/shortcuts/mentioned-shortcut.js';
import { searchShortcutListener } from '../../../../src/slack/listeners/shortcuts/search-shortcut.js';
import { searchSubmission } from '../../../../src/slack/listeners/views/search-submission.js';
import { globalShortcut, messageShortcut, viewSubmission } from '../../../../support/fake-slack.js';
import { relevanceContext } from '../../../helpers/search.js';
import { interactives, texts } from '../../views/inspect.js';
import { captureLogger, fakeSlackArgs } from '../fakes.js';

const context = await relevanceContext('America/New_York');
afterAll(() => context.close());
const DINNER_TITLE = 'Strengthening the Partnership: A Fresh Dialogue on UN Peacekeeping';
const f = SlackIds.searchFields;

function fakeModalClient() {
  const calls: { method: string; view: ModalView }[] = [];
  return {
    calls,
    client: {
      views: {
        open: vi.fn(async (args: { trigger_id: string; view: ModalView }) => {
          calls.push({ method: 'open', view: args.view });
          return { view: { id: 'V0OPENED' } };
        }),
        update: vi.fn(async (args: { view_id: string; view: ModalView }) => {
          calls.push({ method: `update ${args.view_id}`, view: args.view });
          return {};
        }),
      },
    },
  };
}

const values = (fields: Partial<Record<keyof typeof f, string>>, type?: string) => {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [key, id] of Object.entries(f)) {
    if (key === 'type')
      out[id] = { [id]: { type: 'static_select', selected_option: type ? { value: type } : null } };
    else out[id] = { [id]: { type: 'plain_text_input', value: fields[key as keyof typeof f] ?? null } };
  }
  return out;
};

async function submit(fields: Partial<Record<keyof typeof f, string>>, type?: string) {
  const ack = vi.fn(async (_r?: unknown) => {});
  const body = viewSubmission(SlackIds.surfaces.searchModal, values(fields, type));
  await searchSubmission({ commands: context.commands })({
    ack,
    view: body.view as never,
    logger: captureLogger().logger,
  });
  return ack.mock.calls[0]?.[0] as {
    response_action: string;
    errors?: Record<string, string>;
    view?: ModalView;
  };
}

describe('the global search shortcut', () => {
  it('acks, opens a placeholder modal first, then fills that same modal with the form', async () => {
    const { calls, client } = fakeModalClient();
    const { ack, order } = fakeSlackArgs();
    await searchShortcutListener({ commands: context.commands })({
      ack,
      body: globalShortcut(SlackIds.surfaces.searchShortcut),
      client,
      logger: captureLogger().logger,
    });
    expect(order[0]).toBe('ack');
    expect(calls.map((c) => c.method)).toEqual(['open', 'update V0OPENED']);
    expect(calls[1].view.callback_id).toBe(SlackIds.surfaces.searchModal);
    const blockIds = calls[1].view.blocks.map((b) => b.block_id);
    expect(blockIds).toEqual([f.words, f.type, f.year, f.place, f.speaker]);
    expect(
      interactives(calls[1].view.blocks as KnownBlock[]).find((i) => i.actionId === f.type)?.values,
    ).toContain('Ministerial Dinner');
  });
});

describe('the search modal’s submission', () => {
  it('updates the modal with the results, keeping what was asked', async () => {
    const answer = await submit({ words: 'peacekeeping finland' });
    expect(answer.response_action).toBe('update');
    const shown = texts(answer.view!.blocks as KnownBlock[]).join('\n');
    expect(shown).toContain(DINNER_TITLE);
    const words = answer.view!.blocks.find((b) => b.block_id === f.words) as {
      element: { initial_value?: string };
    };
    expect(words.element.initial_value).toBe('peacekeeping finland');
  });

  it('answers a bad year with an error on that field only', async () => {
    expect(await submit({ words: 'peacekeeping', year: 'last' })).toEqual({
      response_action: 'errors',
      errors: { [f.year]: 'A year such as 2019.' },
    });
  });

  it('never echoes what was typed as markup', async () => {
    const answer = await submit({ words: '<!channel> <@U123> <https://evil.example|bank>' });
    const shown = texts((answer.view?.blocks ?? []) as KnownBlock[])
      .filter((t) => !t.startsWith('<!date'))
      .join('\n');
    expect(shown).not.toMatch(/<!channel>|<@U123>|<https:\/\/evil/);
  });
});

describe('the message shortcut', () => {
  it('answers only the clicker with the card of the event the message mentions', async () => {
    const { ack, respond, sent, order } = fakeSlackArgs();
    await mentionedShortcutListener({ commands: context.commands })({
      ack,
      respond,
      shortcut: messageShortcut(
        SlackIds.surfaces.mentionedShortcut,
        'Was <@U0X> at the Finland dinner on peacekeeping partnerships? &lt;!here&gt;',
        'https://hooks.slack.test/actions/1',
      ) as never,
      logger: captureLogger().logger,
    });
    expect(order).toEqual(['ack', 'respond']);
    expect(sent[0].response_type).toBe('ephemeral');
    expect(texts(sent[0].blocks!).join('\n')).toContain(DINNER_TITLE);
    const ids = interactives(sent[0].blocks!).map((i) => i.actionId);
    // The 2013 dinner is past: its page, Share, Related and Read more, never Remind me.
    expect(ids).toEqual(expect.arrayContaining([SlackIds.actions.share, SlackIds.actions.readMore]));
    expect(ids).not.toContain(SlackIds.actions.remind);
    expect(JSON.stringify(sent[0])).not.toContain('<!here>');
  });
});
