import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { webApi } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import type { OutgoingMessage } from '../../src/core/ports/notifier.js';
import {
  classifySlackError,
  createNotifierClient,
  createSlackNotifier,
  createUserZoneLookup,
  DELIVERY_EVENT,
  type NotifierClient,
} from '../../src/slack/notifier.js';
import { createUserInfoCache, type UserInfoClient } from '../../src/slack/user-info.js';
import { renderReply } from '../../src/slack/views/index.js';

const notice: OutgoingMessage['reply'] = { kind: 'notice', tone: 'info', text: 'Your reminder <!channel>' };
const platformError = (error: string) => new webApi.WebAPIPlatformError({ ok: false, error });

/** A client double that records calls; each method's answer can be replaced. */
function fakeClient() {
  const calls: { method: string; args: Record<string, unknown> }[] = [];
  const answers = {
    open: async (): Promise<{ channel?: { id?: string } }> => ({ channel: { id: 'D0USER' } }),
    post: async (): Promise<{ ts?: string; channel?: string }> => ({
      ts: '1700000000.000100',
      channel: 'D0USER',
    }),
    history: async (): Promise<Awaited<ReturnType<NotifierClient['conversations']['history']>>> => ({
      messages: [],
    }),
  };
  const client: NotifierClient = {
    conversations: {
      open: (args) => {
        calls.push({ method: 'conversations.open', args });
        return answers.open();
      },
      history: (args) => {
        calls.push({ method: 'conversations.history', args });
        return answers.history();
      },
    },
    chat: {
      postMessage: (args) => {
        calls.push({ method: 'chat.postMessage', args });
        return answers.post();
      },
    },
  };
  return { client, calls, answers };
}

describe('createSlackNotifier', () => {
  it('opens the user’s DM once, then posts the rendered reply with its delivery key in the metadata', async () => {
    const { client, calls } = fakeClient();
    const notifier = createSlackNotifier(client);
    const to = { kind: 'user' as const, userId: 'U1' };
    expect(await notifier.post({ to, reply: notice, key: 'reminder:1' })).toEqual({
      ok: true,
      ts: '1700000000.000100',
      channelId: 'D0USER',
    });
    await notifier.post({ to, reply: notice, key: 'reminder:2' });
    expect(calls.map((c) => c.method)).toEqual([
      'conversations.open',
      'chat.postMessage',
      'chat.postMessage',
    ]);
    expect(calls[1].args).toEqual({
      channel: 'D0USER',
      ...renderReply(notice),
      metadata: { event_type: DELIVERY_EVENT, event_payload: { key: 'reminder:1' } },
      unfurl_links: false,
      unfurl_media: false,
    });
  });

  it('posts a digest straight to its channel', async () => {
    const { client, calls } = fakeClient();
    await createSlackNotifier(client).post({
      to: { kind: 'channel', channelId: 'C1' },
      reply: notice,
      key: 'digest:1:0',
    });
    expect(calls.map((c) => [c.method, c.args.channel])).toEqual([['chat.postMessage', 'C1']]);
  });

  it('turns Slack errors into outcomes, never rejections', async () => {
    const { client, answers } = fakeClient();
    const notifier = createSlackNotifier(client);
    const to = { kind: 'channel' as const, channelId: 'C1' };
    answers.post = () => Promise.reject(platformError('not_in_channel'));
    expect(await notifier.post({ to, reply: notice, key: 'k' })).toEqual({
      ok: false,
      error: { kind: 'permanent', code: 'not_in_channel' },
    });
    answers.post = () => Promise.reject(new webApi.WebAPIRateLimitedError(12));
    expect(await notifier.post({ to, reply: notice, key: 'k' })).toEqual({
      ok: false,
      error: { kind: 'ratelimited', code: 'ratelimited', retryAfterMs: 12_000 },
    });
  });

  it('treats an unclear conversations.open failure as safe to retry: nothing was posted', async () => {
    const { client, answers, calls } = fakeClient();
    answers.open = () => Promise.reject(platformError('internal_error'));
    const result = await createSlackNotifier(client).post({
      to: { kind: 'user', userId: 'U1' },
      reply: notice,
      key: 'k',
    });
    expect(result).toEqual({ ok: false, error: { kind: 'transient', code: 'internal_error' } });
    expect(calls.map((c) => c.method)).toEqual(['conversations.open']);
  });

  it('opens the DM again after Slack says the cached one is gone', async () => {
    const { client, answers, calls } = fakeClient();
    const notifier = createSlackNotifier(client);
    const to = { kind: 'user' as const, userId: 'U1' };
    await notifier.post({ to, reply: notice, key: 'a' });
    answers.post = () => Promise.reject(platformError('channel_not_found'));
    await notifier.post({ to, reply: notice, key: 'b' });
    await notifier.post({ to, reply: notice, key: 'c' });
    expect(calls.filter((c) => c.method === 'conversations.open')).toHaveLength(2);
  });

  it('finds a post in doubt by its delivery key in the channel history', async () => {
    const { client, answers, calls } = fakeClient();
    const notifier = createSlackNotifier(client);
    answers.history = async () => ({
      messages: [
        { ts: '1.1', metadata: { event_type: DELIVERY_EVENT, event_payload: { key: 'reminder:7' } } },
        { ts: '1.2', metadata: { event_type: 'someone_else', event_payload: { key: 'reminder:8' } } },
        { ts: '1.3' },
      ],
    });
    const to = { kind: 'user' as const, userId: 'U1' };
    expect(await notifier.findPosted?.(to, 'reminder:7', 1_700_000_000_000)).toEqual({
      ts: '1.1',
      channelId: 'D0USER',
    });
    expect(await notifier.findPosted?.(to, 'reminder:8', 1_700_000_000_000)).toBeUndefined();
    expect(calls.at(-1)?.args).toMatchObject({
      channel: 'D0USER',
      oldest: '1700000000.000000',
      include_all_metadata: true,
    });
    answers.history = () => Promise.reject(platformError('missing_scope'));
    await expect(notifier.findPosted?.(to, 'reminder:7', 0)).rejects.toThrow();
  });
});

describe('classifySlackError', () => {
  it.each([
    ['account_inactive', 'permanent'],
    ['user_not_found', 'permanent'],
    ['user_disabled', 'permanent'],
    ['channel_not_found', 'permanent'],
    ['is_archived', 'permanent'],
    ['not_in_channel', 'permanent'],
    ['invalid_blocks', 'permanent'],
    ['internal_error', 'uncertain'],
    ['service_unavailable', 'uncertain'],
    ['invalid_auth', 'transient'],
  ])('%s is %s', (code, kind) => {
    expect(classifySlackError(platformError(code))).toEqual({ kind, code });
  });

  it('reads network failures: refused before sending is safe to retry, anything else is in doubt', () => {
    const refused = new webApi.WebAPIRequestError(
      Object.assign(new Error('fetch failed'), { cause: { code: 'ECONNREFUSED' } }),
    );
    expect(classifySlackError(refused)).toEqual({ kind: 'transient', code: 'ECONNREFUSED' });
    const reset = new webApi.WebAPIRequestError(
      Object.assign(new Error('fetch failed'), { cause: { code: 'ECONNRESET' } }),
    );
    expect(classifySlackError(reset)).toEqual({ kind: 'uncertain', code: 'ECONNRESET' });
    expect(classifySlackError(new webApi.WebAPIHTTPError(502, 'Bad Gateway', {}))).toEqual({
      kind: 'uncertain',
      code: 'http_502',
    });
    expect(classifySlackError(new Error('boom'))).toEqual({ kind: 'uncertain', code: 'unexpected_error' });
  });
});

describe('createNotifierClient against a Web API on 127.0.0.1', () => {
  const servers: { close(): void }[] = [];
  afterEach(() => {
    for (const s of servers.splice(0)) s.close();
  });

  async function webApiServer(
    answer: (
      path: string,
      body: string,
    ) => { status: number; headers?: Record<string, string>; json: object },
  ) {
    const requests: { path: string; body: string }[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        requests.push({ path: req.url ?? '', body });
        const a = answer(req.url ?? '', body);
        res.writeHead(a.status, { 'content-type': 'application/json', ...a.headers });
        res.end(JSON.stringify(a.json));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push({ close: () => server.close() });
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`, requests };
  }

  it('hands a 429 back with its Retry-After instead of waiting and retrying by itself', async () => {
    const api = await webApiServer(() => ({
      status: 429,
      headers: { 'retry-after': '7' },
      json: { ok: false, error: 'ratelimited' },
    }));
    const notifier = createSlackNotifier(createNotifierClient('xoxb-test', { slackApiUrl: api.url }));
    const result = await notifier.post({
      to: { kind: 'channel', channelId: 'C1' },
      reply: notice,
      key: 'digest:1:0',
    });
    expect(result).toEqual({
      ok: false,
      error: { kind: 'ratelimited', code: 'ratelimited', retryAfterMs: 7000 },
    });
    expect(api.requests).toHaveLength(1);
  });

  it('sends the delivery key as message metadata and maps account_inactive to a permanent failure', async () => {
    const api = await webApiServer((path) =>
      path.endsWith('conversations.open')
        ? { status: 200, json: { ok: true, channel: { id: 'D0USER' } } }
        : { status: 200, json: { ok: false, error: 'account_inactive' } },
    );
    const notifier = createSlackNotifier(createNotifierClient('xoxb-test', { slackApiUrl: api.url }));
    const result = await notifier.post({
      to: { kind: 'user', userId: 'U1' },
      reply: notice,
      key: 'reminder:3',
    });
    expect(result).toEqual({ ok: false, error: { kind: 'permanent', code: 'account_inactive' } });
    expect(api.requests.map((r) => r.path)).toEqual(['/api/conversations.open', '/api/chat.postMessage']);
    const form = new URLSearchParams(api.requests[1].body);
    expect(JSON.parse(form.get('metadata') ?? '{}')).toEqual({
      event_type: DELIVERY_EVENT,
      event_payload: { key: 'reminder:3' },
    });
  });

  it('accepts a real WebClient as its client', () => {
    const client: NotifierClient & UserInfoClient = new webApi.WebClient('xoxb-test');
    expect(typeof client.chat.postMessage).toBe('function');
  });
});

describe('createUserZoneLookup', () => {
  it('reads the profile tz, caches it for a while, and falls back when Slack has none or fails', async () => {
    let now = 0;
    const asked: string[] = [];
    const zones: Record<string, string | undefined> = { U1: 'Europe/Berlin', U2: 'Not/AZone' };
    const client: UserInfoClient = {
      users: {
        info: async ({ user }) => {
          asked.push(user);
          if (user === 'U3') throw platformError('user_not_found');
          return { user: { tz: zones[user] } };
        },
      },
    };
    const lookup = createUserZoneLookup(
      createUserInfoCache(async () => client, { now: () => now }),
      {
        fallbackZone: 'America/New_York',
        ttlMs: 1000,
      },
    );
    expect(await lookup('U1')).toBe('Europe/Berlin');
    expect(await lookup('U2')).toBe('America/New_York');
    expect(await lookup('U3')).toBe('America/New_York');
    zones.U1 = 'Asia/Tokyo';
    expect(await lookup('U1')).toBe('Europe/Berlin');
    now = 1001;
    expect(await lookup('U1')).toBe('Asia/Tokyo');
    expect(asked).toEqual(['U1', 'U2', 'U3', 'U1']);
  });
});
