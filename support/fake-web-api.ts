import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

/**
 * The smallest Slack Web API the dispatcher benchmark needs, on 127.0.0.1: conversations.open answers a
 * DM id per user, chat.postMessage records what arrived where and when (and answers 429 with
 * Retry-After when `paceMs` is set and a channel is posted to faster than that), conversations.history
 * is empty. Nothing here talks to slack.com.
 */
export interface FakeWebApi {
  /** The Web API base, for `slackApiUrl`. */
  apiUrl: string;
  /** Every chat.postMessage that was accepted, in arrival order. */
  posts: { channel: string; key: string; at: number }[];
  /** chat.postMessage calls refused for posting to a channel too fast. */
  rateLimited: number;
  opens: number;
  close(): Promise<void>;
}

export async function startFakeWebApi(options: { paceMs?: number } = {}): Promise<FakeWebApi> {
  const posts: FakeWebApi['posts'] = [];
  const lastPost = new Map<string, number>();
  const state = { rateLimited: 0, opens: 0 };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const method = (req.url ?? '').replace(/^\/api\//, '');
      const answer = (status: number, body: object, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      if (method === 'conversations.open') {
        state.opens += 1;
        return answer(200, { ok: true, channel: { id: `D${form.get('users') ?? ''}` } });
      }
      if (method === 'chat.postMessage') {
        const channel = form.get('channel') ?? '';
        const at = performance.now();
        const last = lastPost.get(channel);
        if (options.paceMs && last !== undefined && at - last < options.paceMs) {
          state.rateLimited += 1;
          return answer(429, { ok: false, error: 'ratelimited' }, { 'retry-after': '1' });
        }
        lastPost.set(channel, at);
        const metadata = JSON.parse(form.get('metadata') ?? '{}') as { event_payload?: { key?: string } };
        posts.push({ channel, key: metadata.event_payload?.key ?? '', at });
        return answer(200, {
          ok: true,
          channel,
          ts: `${Math.floor(Date.now() / 1000)}.${String(posts.length).padStart(6, '0')}`,
        });
      }
      if (method === 'conversations.history') return answer(200, { ok: true, messages: [], has_more: false });
      return answer(200, { ok: true });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    posts,
    get rateLimited() {
      return state.rateLimited;
    },
    get opens() {
      return state.opens;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
