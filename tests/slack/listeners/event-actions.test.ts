import { afterAll, describe, expect, it } from 'vitest';
import { runAction } from '../../../src/core/commands/index.js';
import { indexedActionId, SlackIds, toReplyAction } from '../../../src/slack/ids.js';
import { EVENT_ACTION_IDS, eventActions } from '../../../src/slack/listeners/actions/event-actions.js';
import { actionResponses } from '../../../src/slack/responses.js';
import { blockActions } from '../../../support/fake-slack.js';
import { relevanceContext } from '../../helpers/search.js';
import { interactives, texts } from '../views/inspect.js';
import { brokenDeps, captureLogger, fakeSlackArgs } from './fakes.js';

const context = await relevanceContext('America/New_York');
afterAll(async () => context.close());

const a = SlackIds.actions;
const DINNER = '2013-09-25-strengthening-the-partnership-a-fresh-dialogue-on-un-peacekeeping';
const DINNER_TITLE = 'Strengthening the Partnership: A Fresh Dialogue on UN Peacekeeping';
const RESPONSE_URL = 'https://hooks.slack.test/actions/T0FAKE/1/abc';

function click(
  element: { actionId: string; value?: string; selectedValue?: string },
  deps = context.commands,
) {
  const fake = fakeSlackArgs();
  const log = captureLogger();
  const body = blockActions({ ...element, responseUrl: RESPONSE_URL, userId: 'U0ASKER' });
  const done = eventActions({ commands: deps })({
    ack: fake.ack,
    respond: fake.respond,
    action: body.actions[0],
    body,
    logger: log.logger,
  });
  return { ...fake, ...log, done };
}

describe('block action listener', () => {
  it('Share answers with a private preview beside the card; Post puts it in the channel and drops the preview', async () => {
    const preview = click({ actionId: a.share, value: JSON.stringify({ e: DINNER }) });
    await preview.done;
    expect(preview.sent).toHaveLength(1);
    expect(preview.sent[0]).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    const post = click({ actionId: a.sharePost, value: JSON.stringify({ e: DINNER }) });
    await post.done;
    expect(post.order).toEqual(['ack', 'respond', 'respond']);
    expect(post.sent[0]).toMatchObject({ response_type: 'in_channel', replace_original: false });
    expect(texts(post.sent[0].blocks!)).toEqual(
      expect.arrayContaining([DINNER_TITLE, ':mega: <@U0ASKER> shared an event']),
    );
    // A past event shared: only its page as a link.
    expect(interactives(post.sent[0].blocks!).map((i) => i.label)).toEqual(['Event page']);
    expect(post.sent[1]).toEqual({ delete_original: true });
  });

  it('Cancel on a preview deletes it and posts nothing', async () => {
    const { done, sent } = click({ actionId: a.shareCancel, value: JSON.stringify({ e: DINNER }) });
    await done;
    expect(sent).toEqual([{ delete_original: true }]);
  });

  it('a URL button (Event page) is only acknowledged', async () => {
    const { done, order } = click({ actionId: a.eventPage, value: '' });
    await done;
    expect(order).toEqual(['ack']);
  });

  it('Open replaces the ephemeral message with that event', async () => {
    const { done, sent } = click({ actionId: a.open, value: JSON.stringify({ e: DINNER }) });
    await done;
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ response_type: 'ephemeral', replace_original: true });
    expect(texts(sent[0].blocks!)).toContain(DINNER_TITLE);
  });

  it('More like this replaces the card with similar events', async () => {
    const { done, sent } = click({ actionId: a.moreLike, value: JSON.stringify({ e: DINNER }) });
    await done;
    expect(sent[0]).toMatchObject({ response_type: 'ephemeral', replace_original: true });
    expect(texts(sent[0].blocks!)[0]).toBe(`More like "${DINNER_TITLE}"`);
    expect(interactives(sent[0].blocks!).length).toBeGreaterThan(0);
  });

  it('Next results replaces the card with the next page of the same search', async () => {
    const { done, sent } = click({
      actionId: a.page,
      value: JSON.stringify({ p: 'search', q: 'peacekeeping finland', o: 5 }),
    });
    await done;
    expect(sent[0]).toMatchObject({ response_type: 'ephemeral', replace_original: true });
    expect(texts(sent[0].blocks!)).not.toContain(DINNER_TITLE);
    // The second page offers Previous (back to offset 0) as a typed request.
    const pager = interactives(sent[0].blocks!).filter((i) => i.actionId.startsWith(a.page));
    expect(pager.map((p) => [p.label, toReplyAction(p.actionId, p.values[0])])).toContainEqual([
      'Previous',
      {
        kind: 'page',
        direction: 'next',
        page: { subcommand: 'search', words: 'peacekeeping finland', offset: 0 },
      },
    ]);
  });

  it('an indexed "Did you mean" suggestion runs that search in place', async () => {
    const { done, sent } = click({
      actionId: indexedActionId(a.suggest, 2),
      value: JSON.stringify({ p: 'search', q: 'peacekeeping finland', o: 0 }),
    });
    await done;
    expect(sent[0]).toMatchObject({ response_type: 'ephemeral', replace_original: true });
    expect(texts(sent[0].blocks!)).toContain(DINNER_TITLE);
  });

  it('"Remind me" posts whatever core answers for that click, without replacing the card', async () => {
    // Fresh archives on both sides: a remind click may change reminder state.
    const clicked = await relevanceContext('America/New_York');
    const expected = await relevanceContext('America/New_York');
    try {
      const value = JSON.stringify({ e: DINNER, w: 'day-before' });
      const { done, sent } = click({ actionId: a.remind, selectedValue: value }, clicked.commands);
      await done;
      const decoded = toReplyAction(a.remind, value)!;
      const core = await runAction(decoded, expected.commands, 'U0ASKER');
      expect(sent).toEqual(actionResponses(core));
      expect(sent[0].response_type).toBe('ephemeral');
    } finally {
      clicked.close();
      expected.close();
    }
  });

  it('an event removed since the card was shown gets a notice and keeps the card', async () => {
    const { done, sent } = click({ actionId: a.open, value: JSON.stringify({ e: 'no-such-event' }) });
    await done;
    expect(sent[0]).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(sent[0].text).toMatch(/no longer in the archive/);
  });

  it.each([
    ['a value that is not JSON', { actionId: a.open, value: 'not json' }],
    ['a value of the wrong shape', { actionId: a.open, value: '{"p":"search","q":"x","o":0}' }],
    ['an old command-string page value', { actionId: a.page, value: '{"c":"share x","o":5}' }],
    ['a value with extra fields', { actionId: a.share, value: '{"e":"x","admin":true}' }],
  ])('answers %s with "That button has expired"', async (_label, element) => {
    const { done, order, sent } = click(element);
    await done;
    expect(order).toEqual(['ack', 'respond']);
    expect(sent[0]).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(sent[0].text).toBe('That button has expired; run /event again.');
  });

  it('turns a failure after the ack into an apology with a logged ref', async () => {
    const { done, sent, lines } = click(
      { actionId: a.open, value: JSON.stringify({ e: DINNER }) },
      brokenDeps(context.commands),
    );
    await expect(done).resolves.toBeUndefined();
    const ref = /\(ref ([0-9a-f]{6})\)/.exec(sent[0].text ?? '')?.[1];
    expect(ref).toBeDefined();
    expect(sent[0]).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(lines.join('\n')).toMatch(
      new RegExp(`ref=${ref} surface=action actionId=event_open user=U0ASKER`),
    );
  });
});

describe('EVENT_ACTION_IDS', () => {
  it('matches every action our cards carry, including indexed suggestions', async () => {
    for (const id of [a.share, a.remind, a.moreLike, a.open, a.page, a.suggest, `${a.suggest}:4`]) {
      expect(EVENT_ACTION_IDS.test(id), id).toBe(true);
    }
  });

  it('leaves other apps’ ids and look-alikes alone', async () => {
    for (const id of ['event_open_x', 'xevent_open', 'event_suggest:x', `${a.cancelReminder}_x`, 'other']) {
      expect(EVENT_ACTION_IDS.test(id), id).toBe(false);
    }
  });

  it('routes the Cancel buttons of the reminders list', async () => {
    expect(EVENT_ACTION_IDS.test(a.cancelReminder)).toBe(true);
  });
});
