import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { BlockAction, SlashCommand } from '@slack/bolt';

/**
 * A stand-in for Slack on 127.0.0.1, for the end-to-end tests and the HTTP benchmark: it is the Web API
 * (`SLACK_API_URL` points at `/api/`), the sink for response_urls (`/response/<name>`), and the client
 * that signs and posts requests to the app the way Slack does. Nothing here talks to slack.com.
 * It lives in support/, which the tests and the benchmark both import: one implementation, and neither
 * imports the other.
 */

/** One request the fake received, in arrival order. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body parsed as JSON (response_url posts), when it is JSON. */
  json?: Record<string, unknown>;
  /** The body parsed as form fields (Web API calls), when it is a form. */
  form?: Record<string, string>;
  /** `performance.now()` when the whole body had arrived. */
  at: number;
  /** The ts the fake gave a chat.postMessage. */
  answerTs?: string;
}

export interface FakeSlack {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  /** The Web API base, for `SLACK_API_URL`. */
  apiUrl: string;
  /** A response_url that records what is posted to it under `name`. */
  responseUrl(name: string): string;
  /** Everything received so far. */
  requests: RecordedRequest[];
  /** What was posted to `responseUrl(name)`, in order. */
  responses(name: string): RecordedRequest[];
  /** Resolves once `count` requests matching `predicate` have arrived (counting earlier ones). */
  waitFor(
    predicate: (r: RecordedRequest) => boolean,
    count?: number,
    timeoutMs?: number,
  ): Promise<RecordedRequest[]>;
  /** The next `times` posts to any response_url answer with `status` (Slack: 404 expired, 429 too many). */
  failResponses(status: number, times?: number): void;
  /** The next `times` calls (default: all) to a Web API method (`users.info`) answer `status` (503) or hang. */
  failApi(method: string, how: { status?: number; hang?: boolean }, times?: number): void;
  /** From now on, a Web API method (`chat.postMessage`) answers only after `ms`: a slow Slack. */
  delayApi(method: string, ms: number): void;
  close(): Promise<void>;
}

/** The time zone users.info reports for every user. */
export const FAKE_USER_ZONE = 'America/New_York';

/** users.info reports users whose id starts with this as workspace admins (the default editors). */
export const FAKE_ADMIN_PREFIX = 'UADMIN';
/** The user groups usergroups.users.list knows, with their members. */
export const FAKE_USERGROUPS: Readonly<Record<string, readonly string[]>> = {
  S0EDITORS: ['UGROUPED1', 'UGROUPED2'],
};

/** What auth.test answers; Bolt calls it once at start and caches the bot's ids. */
export const FAKE_BOT = { team_id: 'T0FAKE', user_id: 'U0BOT', bot_id: 'B0BOT' } as const;

/** Starts the fake on an ephemeral port. Close it in afterAll. */
export async function startFakeSlack(): Promise<FakeSlack> {
  const requests: RecordedRequest[] = [];
  const waiters = new Set<() => void>();
  let failures: { status: number; left: number } | undefined;
  /** Web API methods answering badly on purpose: an HTTP status, or no answer at all. */
  const apiFailures = new Map<string, { status?: number; hang?: boolean; left: number }>();
  const apiDelays = new Map<string, number>();

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path,
        headers: req.headers,
        body,
        ...parseBody(body, req.headers['content-type']),
        at: performance.now(),
      };
      requests.push(recorded);
      const failing = apiFailures.get(path.replace(/^\/api\//, ''));
      if (failing && failing.left > 0) {
        failing.left -= 1;
        for (const wake of [...waiters]) wake();
        if (failing.hang) return; // never answered: the client's timeout has to fire
        res.writeHead(failing.status ?? 503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: false, error: 'service_unavailable' }));
        return;
      }
      let status = 200;
      let answer: Record<string, unknown> = { ok: true };
      if (path === '/api/auth.test') {
        answer = { ok: true, url: 'https://fake.slack.test/', team: 'Fake', user: 'eventbot', ...FAKE_BOT };
      } else if (path === '/api/conversations.open') {
        const user = String(recorded.form?.users ?? recorded.json?.users ?? 'U0');
        answer = { ok: true, channel: { id: `D${user}` } };
      } else if (path === '/api/chat.postMessage') {
        const channel = String(recorded.form?.channel ?? recorded.json?.channel ?? 'C0');
        recorded.answerTs = `${Math.floor(Date.now() / 1000)}.${String(requests.length).padStart(6, '0')}`;
        answer = { ok: true, channel, ts: recorded.answerTs };
      } else if (path === '/api/views.open') {
        answer = { ok: true, view: { id: `V${String(requests.length).padStart(8, '0')}` } };
      } else if (path === '/api/users.info') {
        const id = String(recorded.form?.user ?? '');
        answer = { ok: true, user: { id, tz: FAKE_USER_ZONE, is_admin: id.startsWith(FAKE_ADMIN_PREFIX) } };
      } else if (path === '/api/usergroups.users.list') {
        const group = String(recorded.form?.usergroup ?? '');
        const users = FAKE_USERGROUPS[group];
        answer = users ? { ok: true, users: [...users] } : { ok: false, error: 'no_such_subteam' };
      } else if (path === '/api/oauth.v2.access') {
        answer = oauthAccess(recorded.form ?? {}, requests.length);
      } else if (path === '/api/conversations.history') {
        // What was posted to the channel, newest first, with metadata: how the dispatcher finds a post in doubt.
        const channel = String(recorded.form?.channel ?? recorded.json?.channel ?? '');
        const messages = requests
          .filter(
            (r) =>
              r.path === '/api/chat.postMessage' && String(r.form?.channel ?? r.json?.channel) === channel,
          )
          .map((r) => ({ ts: r.answerTs, metadata: metadataOf(r) }))
          .reverse();
        answer = { ok: true, messages, has_more: false };
      } else if (path.startsWith('/response/') && failures && failures.left > 0) {
        failures.left -= 1;
        status = failures.status;
        answer = { ok: false, error: 'failing_on_purpose' };
      }
      const answerNow = () => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(answer));
        for (const wake of [...waiters]) wake();
      };
      const delay = apiDelays.get(path.replace(/^\/api\//, ''));
      if (delay) setTimeout(answerNow, delay);
      else answerNow();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

  return {
    url,
    apiUrl: `${url}api/`,
    responseUrl: (name) => `${url}response/${encodeURIComponent(name)}`,
    requests,
    responses: (name) => requests.filter((r) => r.path === `/response/${encodeURIComponent(name)}`),
    waitFor: (predicate, count = 1, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const found = requests.filter(predicate);
          if (found.length < count) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          const seen = requests.map((r) => `${r.method} ${r.path}`).join(', ') || 'nothing';
          reject(
            new Error(`fake Slack: waited ${timeoutMs} ms for ${count} matching request(s); got ${seen}`),
          );
        }, timeoutMs);
        timer.unref();
        if (!check()) waiters.add(check);
      }),
    failResponses: (status, times = 1) => {
      failures = { status, left: times };
    },
    failApi: (method, how, times = Number.POSITIVE_INFINITY) => {
      apiFailures.set(method, { ...how, left: times });
    },
    delayApi: (method, ms) => {
      apiDelays.set(method, ms);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive connections from fetch would otherwise hold close() open.
        server.closeAllConnections();
        apiFailures.clear();
      }),
  };
}

/**
 * oauth.v2.access as Slack answers it. An install's `code` names the workspace (`T0AAA`, or
 * `T0AAA:rotating` for an app with token rotation, whose tokens expire in an hour); a refresh
 * (`grant_type=refresh_token`) hands out a new bot token and refresh token each time.
 */
function oauthAccess(form: Record<string, string>, n: number): Record<string, unknown> {
  if (form.grant_type === 'refresh_token') {
    return {
      ok: true,
      token_type: 'bot',
      access_token: `xoxe.xoxb-rotated-${n}`,
      refresh_token: `xoxe-1-refresh-${n}`,
      expires_in: 43_200,
      scope: 'commands,chat:write',
    };
  }
  const [team = 'T0FAKE', rotating] = (form.code ?? '').split(':');
  return {
    ok: true,
    app_id: 'A0APP',
    authed_user: { id: 'U0INSTALLER' },
    scope: 'commands,chat:write',
    token_type: 'bot',
    access_token: `xoxb-${team}-${n}`,
    bot_user_id: 'U0BOT',
    team: { id: team, name: `Workspace ${team}` },
    enterprise: null,
    is_enterprise_install: false,
    ...(rotating ? { refresh_token: `xoxe-1-first-${team}`, expires_in: 3600 } : {}),
  };
}

/** A posted message's metadata, sent as JSON text in a form field or as an object in a JSON body. */
function metadataOf(r: RecordedRequest): unknown {
  const m = r.form?.metadata ?? r.json?.metadata;
  if (typeof m !== 'string') return m;
  try {
    return JSON.parse(m);
  } catch {
    return undefined;
  }
}

function parseBody(body: string, contentType?: string): Pick<RecordedRequest, 'json' | 'form'> {
  if (contentType?.startsWith('application/json')) {
    try {
      return { json: JSON.parse(body) as Record<string, unknown> };
    } catch {
      return {};
    }
  }
  if (contentType?.startsWith('application/x-www-form-urlencoded')) {
    return { form: Object.fromEntries(new URLSearchParams(body)) };
  }
  return {};
}

/** Slack's request signature: `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{raw body}` keyed by the signing secret. */
export function signSlackRequest(signingSecret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** The Unix time Slack would stamp on a request sent now. */
export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** A slash command as Slack sends it (before form encoding). */
export function slashCommand(fields: {
  text: string;
  responseUrl: string;
  userId?: string;
  channelId?: string;
}): SlashCommand {
  return {
    token: 'legacy-verification-token',
    team_id: FAKE_BOT.team_id,
    team_domain: 'fake',
    channel_id: fields.channelId ?? 'C0CHANNEL',
    channel_name: 'events',
    user_id: fields.userId ?? 'U0ASKER',
    user_name: 'asker',
    command: '/event',
    text: fields.text,
    api_app_id: 'A0APP',
    is_enterprise_install: 'false',
    response_url: fields.responseUrl,
    trigger_id: '1.2.3',
  };
}

/** A `block_actions` click on one element, as Slack sends it (before form encoding). */
export function blockActions(fields: {
  actionId: string;
  responseUrl: string;
  /** A button's value. */
  value?: string;
  /** A select menu's chosen option value. */
  selectedValue?: string;
  userId?: string;
  blockId?: string;
}): BlockAction {
  const element =
    fields.selectedValue !== undefined
      ? {
          type: 'static_select' as const,
          action_id: fields.actionId,
          block_id: fields.blockId ?? 'b',
          action_ts: '1.2',
          selected_option: {
            text: { type: 'plain_text' as const, text: 'option' },
            value: fields.selectedValue,
          },
          placeholder: { type: 'plain_text' as const, text: 'Remind me…' },
        }
      : {
          type: 'button' as const,
          action_id: fields.actionId,
          block_id: fields.blockId ?? 'b',
          action_ts: '1.2',
          value: fields.value ?? '',
          text: { type: 'plain_text' as const, text: 'button' },
        };
  return {
    type: 'block_actions',
    actions: [element],
    team: { id: FAKE_BOT.team_id, domain: 'fake' },
    user: { id: fields.userId ?? 'U0ASKER', username: 'asker', name: 'asker', team_id: FAKE_BOT.team_id },
    channel: { id: 'C0CHANNEL', name: 'events' },
    container: { type: 'message', message_ts: '1.1', channel_id: 'C0CHANNEL', is_ephemeral: true },
    token: 'legacy-verification-token',
    response_url: fields.responseUrl,
    trigger_id: '1.2.3',
    api_app_id: 'A0APP',
  };
}

/** A global shortcut as Slack sends it (before form encoding). */
export function globalShortcut(callbackId: string, userId = 'U0ASKER') {
  return {
    type: 'shortcut' as const,
    callback_id: callbackId,
    trigger_id: `${nowSeconds()}.1.trigger`,
    user: { id: userId, username: 'asker', team_id: FAKE_BOT.team_id },
    team: { id: FAKE_BOT.team_id, domain: 'fake' },
    token: 'legacy-verification-token',
    action_ts: `${nowSeconds()}.1`,
    is_enterprise_install: false,
  };
}

/** A message shortcut on a message whose Slack-formatted text is `text`. */
export function messageShortcut(callbackId: string, text: string, responseUrl: string, userId = 'U0ASKER') {
  return {
    type: 'message_action' as const,
    callback_id: callbackId,
    trigger_id: `${nowSeconds()}.2.trigger`,
    message_ts: '1700000000.000300',
    response_url: responseUrl,
    message: { type: 'message', user: 'U0AUTHOR', ts: '1700000000.000300', text },
    user: { id: userId, username: 'asker', team_id: FAKE_BOT.team_id, name: 'asker' },
    channel: { id: 'C0CHANNEL', name: 'events' },
    team: { id: FAKE_BOT.team_id, domain: 'fake' },
    token: 'legacy-verification-token',
    action_ts: `${nowSeconds()}.2`,
    is_enterprise_install: false,
  };
}

/** A modal's view_submission, with its inputs' state as Slack reports it. */
export function viewSubmission(
  callbackId: string,
  values: Record<string, Record<string, unknown>>,
  userId = 'U0ASKER',
) {
  return {
    type: 'view_submission' as const,
    team: { id: FAKE_BOT.team_id, domain: 'fake' },
    user: { id: userId, username: 'asker', name: 'asker', team_id: FAKE_BOT.team_id },
    view: {
      id: 'V0MODAL',
      team_id: FAKE_BOT.team_id,
      type: 'modal',
      callback_id: callbackId,
      blocks: [],
      private_metadata: '',
      state: { values },
      hash: 'h',
      title: { type: 'plain_text', text: 'x' },
      close: null,
      submit: null,
      root_view_id: 'V0MODAL',
      previous_view_id: null,
      app_id: 'A0APP',
      bot_id: FAKE_BOT.bot_id,
    },
    api_app_id: 'A0APP',
    token: 'legacy-verification-token',
    trigger_id: `${nowSeconds()}.3.trigger`,
  };
}

/** A slash command's form body: every field URL-encoded, as Slack posts it. */
export function commandBody(command: SlashCommand): string {
  return new URLSearchParams(
    Object.entries(command).filter((e): e is [string, string] => typeof e[1] === 'string'),
  ).toString();
}

/** An interaction's form body: the JSON payload in one `payload` field. */
export function actionBody(payload: BlockAction | Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

let eventSeq = 0;

/**
 * An Events API delivery (`event_callback`) wrapping `event`, as JSON the way Slack posts it; send it
 * with `postSigned(…, { contentType: 'application/json' })`.
 */
export function eventCallbackBody(event: Record<string, unknown>): string {
  eventSeq += 1;
  return JSON.stringify({
    token: 'legacy-verification-token',
    team_id: FAKE_BOT.team_id,
    api_app_id: 'A0APP',
    event: { event_ts: `${nowSeconds()}.${String(eventSeq).padStart(6, '0')}`, ...event },
    type: 'event_callback',
    event_id: `Ev${String(eventSeq).padStart(8, '0')}`,
    event_time: nowSeconds(),
    authorizations: [
      { team_id: FAKE_BOT.team_id, user_id: FAKE_BOT.user_id, is_bot: true, is_enterprise_install: false },
    ],
  });
}

/** What the app answered to a signed POST, and how long it took to answer. */
export interface SlackPostResult {
  status: number;
  body: string;
  /** `performance.now()` just before sending. */
  sentAt: number;
  /** Milliseconds from sending to the app's answer (the ack). */
  ms: number;
}

/**
 * POSTs a form body to the app as Slack does: signed, with Slack's exact content type (Bolt only parses
 * forms when the header is exactly `application/x-www-form-urlencoded`, no charset). `timestamp` and
 * `signature` override the honest ones, for forgery tests.
 */
export async function postSigned(
  url: string,
  signingSecret: string,
  body: string,
  options: { timestamp?: number; signature?: string; contentType?: string } = {},
): Promise<SlackPostResult> {
  const timestamp = options.timestamp ?? nowSeconds();
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': options.contentType ?? 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': options.signature ?? signSlackRequest(signingSecret, timestamp, body),
    },
    body,
  });
  const text = await response.text();
  return { status: response.status, body: text, sentAt: started, ms: performance.now() - started };
}
