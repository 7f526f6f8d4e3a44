import { afterAll, describe, expect, it, vi } from 'vitest';
import { directMessageListener } from '../../../../src/slack/listeners/events/direct-message.js';
import { mentionListener } from '../../../../src/slack/listeners/events/mention.js';
import { relevanceContext } from '../../../helpers/search.js';
import { texts } from '../../views/inspect.js';
import { brokenDeps, captureLogger } from '../fakes.js';

const context = await relevanceContext('America/New_York');
afterAll(() => context.close());

const DINNER_TITLE = 'Strengthening the Partnership: A Fresh Dialogue on UN Peacekeeping';
type Posted = { channel: string; thread_ts?: string; text: string; blocks: unknown[] };

function fakeClient() {
  const posted: Posted[] = [];
  const postMessage = vi.fn(async (args: Posted) => {
    posted.push(args);
    return { ok: true };
  });
  return { posted, client: { chat: { postMessage } } };
}

const mention = (text: string, extra: Record<string, unknown> = {}) =>
  ({
    type: 'app_mention',
    text,
    user: 'U0ASKER',
    channel: 'C0CHANNEL',
    ts: '1700000000.000100',
    event_ts: '1700000000.000100',
    ...extra,
  }) as never;

const dm = (text: string, extra: Record<string, unknown> = {}) =>
  ({
    type: 'message',
    channel_type: 'im',
    text,
    user: 'U0ASKER',
    channel: 'D0ASKER',
    ts: '1700000000.000200',
    event_ts: '1700000000.000200',
    ...extra,
  }) as never;

describe('a mention in a channel', () => {
  it('is answered in a thread under it with the same card /event gives', async () => {
    const { posted, client } = fakeClient();
    const { logger } = captureLogger();
    await mentionListener({ commands: context.commands })({
      event: mention('<@U0BOT> peacekeeping finland'),
      client,
      context: { botUserId: 'U0BOT', isEnterpriseInstall: false },
      logger,
    });
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({ channel: 'C0CHANNEL', thread_ts: '1700000000.000100' });
    expect(texts(posted[0].blocks as never)).toContain(DINNER_TITLE);
  });

  it('inside a thread answers in that thread, and never echoes a broadcast it was sent', async () => {
    const { posted, client } = fakeClient();
    const { logger } = captureLogger();
    await mentionListener({ commands: context.commands })({
      event: mention('<@U0BOT> <!channel> zzqxv &lt;!here&gt;', { thread_ts: '1699.1' }),
      client,
      context: { botUserId: 'U0BOT', isEnterpriseInstall: false },
      logger,
    });
    expect(posted[0].thread_ts).toBe('1699.1');
    const all = JSON.stringify(posted[0]);
    expect(all).not.toContain('<!channel>');
    expect(all).not.toContain('<!here>');
  });

  it('leaves mentions by bots and mentions inside DMs alone', async () => {
    const { posted, client } = fakeClient();
    const { logger } = captureLogger();
    const listener = mentionListener({ commands: context.commands });
    const ctx = { botUserId: 'U0BOT', isEnterpriseInstall: false };
    await listener({ event: mention('<@U0BOT> themes', { bot_id: 'B1' }), client, context: ctx, logger });
    await listener({ event: mention('<@U0BOT> themes', { channel: 'D0X' }), client, context: ctx, logger });
    expect(posted).toHaveLength(0);
  });

  it('apologises in the thread with a ref when the archive fails, and logs no message text', async () => {
    const { posted, client } = fakeClient();
    const { lines, logger } = captureLogger();
    await mentionListener({ commands: brokenDeps(context.commands) })({
      event: mention('<@U0BOT> secret words'),
      client,
      context: { botUserId: 'U0BOT', isEnterpriseInstall: false },
      logger,
    });
    expect(posted[0].thread_ts).toBe('1700000000.000100');
    const ref = /ref ([0-9a-f]{6})/.exec(posted[0].text)?.[1];
    expect(ref).toBeDefined();
    expect(lines.join('\n')).toContain(`ref=${ref}`);
    expect(lines.join('\n')).not.toContain('secret words');
  });
});

describe('a message in the bot’s DM', () => {
  it('works like /event, answered at the top of the DM', async () => {
    const { posted, client } = fakeClient();
    const { logger } = captureLogger();
    await directMessageListener({ commands: context.commands })({
      event: dm('/event peacekeeping finland'),
      client,
      context: { botUserId: 'U0BOT', isEnterpriseInstall: false },
      logger,
    });
    expect(posted).toHaveLength(1);
    expect(posted[0].channel).toBe('D0ASKER');
    expect(posted[0].thread_ts).toBeUndefined();
    expect(texts(posted[0].blocks as never)).toContain(DINNER_TITLE);
  });

  it('ignores edits, other bots and messages outside DMs', async () => {
    const { posted, client } = fakeClient();
    const { logger } = captureLogger();
    const listener = directMessageListener({ commands: context.commands });
    const ctx = { botUserId: 'U0BOT', isEnterpriseInstall: false };
    await listener({ event: dm('themes', { subtype: 'message_changed' }), client, context: ctx, logger });
    await listener({ event: dm('themes', { bot_id: 'B9' }), client, context: ctx, logger });
    await listener({ event: dm('themes', { channel_type: 'channel' }), client, context: ctx, logger });
    expect(posted).toHaveLength(0);
  });
});
