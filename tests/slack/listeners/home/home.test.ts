import { afterAll, describe, expect, it, vi } from 'vitest';
import { depsForWorkspace } from '../../../../src/core/commands/deps.js';
import { remindCommand } from '../../../../src/core/commands/remind-command.js';
import { inlineRunner } from '../../../../src/slack/command-runner.js';
import { homePublisher, homeRefreshingRunner } from '../../../../src/slack/home-publisher.js';
import { encodeActionValue, SlackIds } from '../../../../src/slack/ids.js';
import { appHomeOpenedListener } from '../../../../src/slack/listeners/events/app-home-opened.js';
import { homeActions } from '../../../../src/slack/listeners/home/home-actions.js';
import type { HomeView } from '../../../../src/slack/views/home.js';
import { blockActions } from '../../../../support/fake-slack.js';
import { relevanceContext } from '../../../helpers/search.js';
import { texts } from '../../views/inspect.js';
import { captureLogger } from '../fakes.js';

const context = await relevanceContext('America/New_York');
afterAll(async () => context.close());
const REVIEW = 'The Review of Peace Operations: Findings and Next Steps';

function fakeViews() {
  const published: { user_id: string; view: HomeView }[] = [];
  const publish = vi.fn(async (args: { user_id: string; view: HomeView }) => {
    published.push(args);
    return { ok: true };
  });
  return { published, client: { views: { publish } } };
}

const reviewId = async () => {
  const result = await remindCommand(
    { text: 'review of peace operations', userId: 'U0PROBE' },
    context.commands,
  );
  if (result.reply.kind !== 'reminder-set') throw new Error('fixture: no upcoming review event');
  await context.commands.reminders.cancel(result.reply.reminderId, 'U0PROBE', Date.now());
  return result.reply.event.id;
};

describe('the Home tab listeners', () => {
  it('publishes the Home tab when it is opened, and nothing for the Messages tab', async () => {
    const { published, client } = fakeViews();
    const publish = homePublisher(
      { commands: context.commands, feed: context.feed },
      async () => client,
      captureLogger().logger,
    );
    const listener = appHomeOpenedListener({}, publish);
    await listener({
      event: { type: 'app_home_opened', user: 'U0A', channel: 'D0A', tab: 'messages', event_ts: '1' },
    });
    expect(published).toHaveLength(0);
    await listener({
      event: { type: 'app_home_opened', user: 'U0A', channel: 'D0A', tab: 'home', event_ts: '2' },
    });
    expect(published).toHaveLength(1);
    expect(published[0].user_id).toBe('U0A');
    expect(texts(published[0].view.blocks).join('\n')).toContain(REVIEW);
  });

  it('Remind me on the tab sets the reminder and republishes it with the reminder listed', async () => {
    const { published, client } = fakeViews();
    const services = { commands: context.commands, feed: context.feed };
    const publish = homePublisher(services, async () => client, captureLogger().logger);
    const ack = vi.fn(async () => {});
    const payload = blockActions({
      actionId: SlackIds.surfaces.homeRemind,
      value: encodeActionValue({ e: await reviewId() }),
      responseUrl: '',
      userId: 'U0HOMECLICK',
    });
    await homeActions(
      services,
      publish,
    )({
      ack,
      action: payload.actions[0],
      body: payload,
      logger: captureLogger().logger,
    });
    expect(ack).toHaveBeenCalledTimes(1);
    expect((await context.commands.reminders.active('U0HOMECLICK')).map((r) => r.eventTitle)).toEqual([
      REVIEW,
    ]);
    const shown = texts(published[0].view.blocks).join('\n');
    expect(shown).toContain(`Reminder set for “${REVIEW}”`);
    expect(shown).toContain('Your reminders (1)');
  });

  it('Cancel on the tab cancels only the clicker’s own reminder', async () => {
    const { published, client } = fakeViews();
    const services = { commands: context.commands };
    const publish = homePublisher(services, async () => client, captureLogger().logger);
    const set = await remindCommand(
      { text: 'review of peace operations', userId: 'U0OWNER' },
      context.commands,
    );
    if (set.reply.kind !== 'reminder-set') throw new Error('no reminder');
    const click = (userId: string) => {
      const payload = blockActions({
        actionId: SlackIds.surfaces.homeCancelReminder,
        value: encodeActionValue({ r: (set.reply as { reminderId: string }).reminderId }),
        responseUrl: '',
        userId,
      });
      return homeActions(
        services,
        publish,
      )({
        ack: async () => {},
        action: payload.actions[0],
        body: payload,
        logger: captureLogger().logger,
      });
    };
    await click('U0INTRUDER');
    expect(await context.commands.reminders.active('U0OWNER')).toHaveLength(1);
    await click('U0OWNER');
    expect(await context.commands.reminders.active('U0OWNER')).toHaveLength(0);
    expect(published.map((p) => p.user_id)).toEqual(['U0INTRUDER', 'U0OWNER']);
  });

  it('a forged value republishes the tab with a note instead of doing anything', async () => {
    const { published, client } = fakeViews();
    const services = { commands: context.commands };
    const payload = blockActions({
      actionId: SlackIds.surfaces.homeRemind,
      value: '{"x":1}',
      responseUrl: '',
    });
    await homeActions(
      services,
      homePublisher(services, async () => client, captureLogger().logger),
    )({
      ack: async () => {},
      action: payload.actions[0],
      body: payload,
      logger: captureLogger().logger,
    });
    expect(texts(published[0].view.blocks).join('\n')).toContain('That button has expired');
  });

  it('a command that sets a reminder republishes the asker’s tab; a search does not', async () => {
    const publish = vi.fn(async () => {});
    const runner = homeRefreshingRunner(inlineRunner(context.commands), publish);
    await runner.command({ text: 'peacekeeping', userId: 'U0R' });
    expect(publish).not.toHaveBeenCalled();
    await runner.command({ text: 'remind review of peace operations', userId: 'U0R' });
    expect(publish).toHaveBeenCalledWith('U0R', { workspace: undefined });
  });

  it('a failed publish is logged, never thrown', async () => {
    const { lines, logger } = captureLogger();
    const client = { views: { publish: async () => Promise.reject(new Error('invalid_auth')) } };
    await homePublisher({ commands: context.commands }, async () => client, logger)('U0X');
    expect(lines.join('\n')).toContain('could not publish the Home tab');
  });
});

describe('the Home tab across workspaces', () => {
  it('shows a user only the reminders of the workspace the tab was opened in', async () => {
    const { published, client } = fakeViews();
    const teamA = { teamId: 'T0A', enterpriseId: '' };
    const teamB = { teamId: 'T0B', enterpriseId: '' };
    remindCommand(
      { text: 'review of peace operations', userId: 'U0MULTI', workspace: teamA },
      depsForWorkspace(context.commands, teamA),
    );
    const clients: (string | undefined)[] = [];
    const publish = homePublisher(
      { commands: context.commands },
      async (w) => {
        clients.push(w?.teamId);
        return client;
      },
      captureLogger().logger,
    );
    await publish('U0MULTI', { workspace: teamA });
    await publish('U0MULTI', { workspace: teamB });
    expect(clients).toEqual(['T0A', 'T0B']);
    expect(texts(published[0].view.blocks).join('\n')).toContain('Your reminders (1)');
    expect(texts(published[1].view.blocks).join('\n')).not.toContain('Your reminders (1)');
  });
});
