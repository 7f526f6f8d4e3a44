import { afterAll, describe, expect, it, vi } from 'vitest';
import { linkSharedListener } from '../../../../src/slack/listeners/events/link-shared.js';
import { relevanceContext } from '../../../helpers/search.js';
import { texts } from '../../views/inspect.js';
import { captureLogger } from '../fakes.js';

const context = await relevanceContext('America/New_York');
afterAll(() => context.close());
const DARFUR =
  'https://www.ipinst.org/events/darfur-after-the-abuja-agreement-protecting-civilians-on-the-ground';

function fakeClient() {
  const calls: Record<string, unknown>[] = [];
  return {
    calls,
    client: { chat: { unfurl: vi.fn(async (args: Record<string, unknown>) => calls.push(args)) } },
  };
}

const linkShared = (urls: string[], extra: Record<string, unknown> = {}) =>
  ({
    type: 'link_shared',
    channel: 'C0CHANNEL',
    user: 'U0ASKER',
    message_ts: '1700000000.000400',
    is_bot_user_member: false,
    links: urls.map((url) => ({ url, domain: new URL(url).hostname })),
    event_ts: '1',
    ...extra,
  }) as never;

const services = {
  commands: context.commands,
  unfurlDomains: ['ipinst.org'],
};

describe('link_shared', () => {
  it('unfurls an archive event’s link into its card on the posted message, and leaves other links out', async () => {
    const { calls, client } = fakeClient();
    const pasted = `${DARFUR}/?utm_source=mail`;
    await linkSharedListener(services)({
      event: linkShared([pasted, 'https://www.ipinst.org/about']),
      client,
      logger: captureLogger().logger,
    });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ channel: 'C0CHANNEL', ts: '1700000000.000400' });
    const unfurls = calls[0].unfurls as Record<string, { blocks: never[] }>;
    expect(Object.keys(unfurls)).toEqual([pasted]);
    expect(texts(unfurls[pasted].blocks).join('\n')).toContain('Darfur after the Abuja Agreement');
  });

  it('unfurls in the composer when Slack says the link is still being typed', async () => {
    const { calls, client } = fakeClient();
    await linkSharedListener(services)({
      event: linkShared([DARFUR], {
        unfurl_id: 'Uf1',
        source: 'composer',
        channel: 'COMPOSER',
        message_ts: 'x',
      }),
      client,
      logger: captureLogger().logger,
    });
    expect(calls[0]).toMatchObject({ unfurl_id: 'Uf1', source: 'composer' });
    expect(calls[0].channel).toBeUndefined();
  });

  it('calls nothing when no link is an archive event, or no domain is configured', async () => {
    const { calls, client } = fakeClient();
    const logger = captureLogger().logger;
    await linkSharedListener(services)({ event: linkShared(['https://example.org/x']), client, logger });
    await linkSharedListener({ ...services, unfurlDomains: [] })({
      event: linkShared([DARFUR]),
      client,
      logger,
    });
    expect(calls).toHaveLength(0);
  });
});
