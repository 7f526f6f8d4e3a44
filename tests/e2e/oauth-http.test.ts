import type { App } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { type AppContext, createContext, loadConfiguredArchive } from '../../src/context.js';
import { createReminderDispatcher } from '../../src/jobs/reminder-dispatcher.js';
import { createSlackApp, startSlackApp } from '../../src/slack/create-slack-app.js';
import { createNotifierClient, createSlackNotifier } from '../../src/slack/notifier.js';
import { installationStoreOf, installerAuthorize, workspaceClients } from '../../src/slack/oauth/index.js';
import type { WorkspaceInstallationStore } from '../../src/slack/oauth/installation-store.js';
import {
  commandBody,
  type FakeSlack,
  nowSeconds,
  postSigned,
  type RecordedRequest,
  signSlackRequest,
  slashCommand,
  startFakeSlack,
} from '../../support/fake-slack.js';
import { fixedClock } from '../helpers/context.js';
import { RELEVANCE_ARCHIVE } from '../helpers/search.js';
import { memoryLogger, TEST_SIGNING_SECRET } from '../helpers/slack-app.js';

let fake: FakeSlack;
let context: AppContext;
let app: App;
let base: string;
let store: WorkspaceInstallationStore;
const log = memoryLogger('warn');
const clock = fixedClock('2026-12-03T18:14:50Z');

beforeAll(async () => {
  fake = await startFakeSlack();
  const config = loadConfig({
    EVENT_DB: ':memory:',
    EVENT_ARCHIVE: RELEVANCE_ARCHIVE,
    EVENT_TIMEZONE: 'America/New_York',
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_CLIENT_ID: '1111.2222',
    SLACK_CLIENT_SECRET: 'client-secret-for-tests',
    SLACK_STATE_SECRET: 'state-secret-for-tests',
    SLACK_TOKEN_KEY: '0f'.repeat(32),
    SLACK_API_URL: fake.apiUrl,
    PORT: '0',
    LOG_LEVEL: 'warn',
  });
  context = createContext(config, { clock });
  await loadConfiguredArchive(context);
  store = installationStoreOf(config.slack.oauth!, context.installations);
  app = createSlackApp(config, { ...context, installationStore: store }, { logger: log.logger });
  const { port } = await startSlackApp(app, config, { port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await app.stop();
  context.close();
  await fake.close();
});

/** Goes through Bolt's installer as a browser would: /slack/install, Slack's consent, the redirect back. */
async function install(code: string): Promise<Response> {
  const start = await fetch(`${base}/slack/install`, { redirect: 'manual' });
  expect(start.status).toBe(302);
  const consent = new URL(start.headers.get('location') ?? '');
  expect(consent.origin + consent.pathname).toBe('https://slack.com/oauth/v2/authorize');
  expect(consent.searchParams.get('scope')).toContain('chat:write');
  const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0]!;
  const state = consent.searchParams.get('state') ?? '';
  return fetch(
    `${base}/slack/oauth_redirect?code=${encodeURIComponent(code)}&state=${encodeURIComponent(state)}`,
    {
      headers: { cookie },
      redirect: 'manual',
    },
  );
}

const textOf = (r: RecordedRequest) =>
  JSON.stringify(r.json?.blocks ?? r.form?.blocks ?? '') + String(r.json?.text ?? r.form?.text ?? '');

let replies = 0;
/** `/event <text>` from a user of `team`; resolves to the text posted to its response_url, or undefined. */
async function slash(team: string, text: string, fields: { userId?: string; channelId?: string } = {}) {
  const name = `r${++replies}`;
  const body = commandBody({
    ...slashCommand({ text, responseUrl: fake.responseUrl(name), ...fields }),
    team_id: team,
  });
  const ack = await postSigned(`${base}/slack/events`, TEST_SIGNING_SECRET, body);
  if (ack.status !== 200) return undefined;
  const [reply] = await fake.waitFor((r) => r.path === `/response/${name}`, 1, 3000).catch(() => [undefined]);
  return reply && textOf(reply);
}

/** An Events API delivery, signed, as Slack posts it (JSON). */
async function appEvent(team: string, event: Record<string, unknown>) {
  const body = JSON.stringify({
    type: 'event_callback',
    team_id: team,
    api_app_id: 'A0APP',
    event,
    event_id: `Ev${Math.random().toString(36).slice(2)}`,
    event_time: nowSeconds(),
  });
  const ts = nowSeconds();
  const response = await fetch(`${base}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': signSlackRequest(TEST_SIGNING_SECRET, ts, body),
    },
    body,
  });
  expect(response.status).toBe(200);
}

const query = (teamId: string) => ({ teamId, enterpriseId: undefined, isEnterpriseInstall: false });

describe('OAuth distribution over HTTP', () => {
  it('installs into a workspace through Bolt’s installer, and then answers its commands', async () => {
    const done = await install('T0AAA');
    expect(done.status).toBe(200);
    expect(fake.requests.some((r) => r.path === '/api/oauth.v2.access' && r.form?.code === 'T0AAA')).toBe(
      true,
    );
    expect((await store.fetchInstallation(query('T0AAA'))).bot?.token).toMatch(/^xoxb-T0AAA-/);
    expect(await slash('T0AAA', 'peacekeeping')).toMatch(/eacekeeping/);
  });

  it('answers no workspace that has not installed the app', async () => {
    expect(await slash('T0NOBODY', 'peacekeeping')).toBeUndefined();
  });

  it('refuses a redirect whose state was not issued to this browser', async () => {
    const forged = await fetch(`${base}/slack/oauth_redirect?code=T0EVIL&state=made-up`, {
      redirect: 'manual',
    });
    expect(forged.status).not.toBe(200);
    await expect(store.fetchInstallation(query('T0EVIL'))).rejects.toThrow(/no installation/);
  });

  it('refreshes a rotating token when it is about to expire and stores the new one', async () => {
    expect((await install('T0ROT:rotating')).status).toBe(200);
    const first = await store.fetchInstallation(query('T0ROT'));
    expect(first.bot?.refreshToken).toBe('xoxe-1-first-T0ROT');
    // Expiring within Bolt's two-hour window: the next request refreshes it first.
    expect(await slash('T0ROT', 'peacekeeping')).toMatch(/eacekeeping/);
    const refresh = fake.requests.find(
      (r) => r.path === '/api/oauth.v2.access' && r.form?.grant_type === 'refresh_token',
    );
    expect(refresh?.form?.refresh_token).toBe('xoxe-1-first-T0ROT');
    const rotated = await store.fetchInstallation(query('T0ROT'));
    expect(rotated.bot?.token).toMatch(/^xoxe\.xoxb-rotated-/);
    expect(rotated.bot?.refreshToken).toMatch(/^xoxe-1-refresh-/);
    expect(rotated.bot?.userId).toBe('U0BOT');
    expect(rotated.team?.name).toBe('Workspace T0ROT');
  });

  it('keeps two workspaces’ reminders and digests apart, and posts each with its own token', async () => {
    expect((await install('T0BBB')).status).toBe(200);
    expect(
      await slash('T0AAA', 'remind review of peace operations in 5 seconds', { userId: 'U0SAME' }),
    ).toMatch(/Review of Peace Operations/);
    expect(
      await slash('T0AAA', 'subscribe peacekeeping weekly monday at 9am', { channelId: 'C0SAME' }),
    ).toMatch(/Subscribed/);
    // The same user and channel ids in another workspace see nothing of the first's.
    expect(await slash('T0BBB', 'reminders', { userId: 'U0SAME' })).toMatch(/You have no reminders/);
    expect(await slash('T0BBB', 'subscriptions', { channelId: 'C0SAME' })).toMatch(/No digests here yet/);
    expect(await slash('T0BBB', 'unsubscribe all', { channelId: 'C0SAME' })).toMatch(/has no digests/);
    expect(await slash('T0AAA', 'reminders', { userId: 'U0SAME' })).toMatch(/Your reminders \(1\)/);
    expect(await slash('T0AAA', 'subscriptions', { channelId: 'C0SAME' })).toMatch(/peacekeeping/);

    const tokenOf = (team: string) => store.fetchInstallation(query(team)).then((i) => i.bot?.token);
    const notifier = createSlackNotifier(
      workspaceClients(store, (token) => createNotifierClient(token, { slackApiUrl: fake.apiUrl })),
    );
    const dispatcher = createReminderDispatcher({
      reminders: context.commands.reminders,
      subscriptions: context.commands.subscriptions,
      index: context.commands.index,
      notifier,
      clock,
      logger: log.logger,
      zone: context.config.timezone,
      channelIntervalMs: 0,
    });
    clock.advance(6_000);
    const report = await dispatcher.tick();
    expect(report.sent).toBe(1);
    const post = fake.requests.filter((r) => r.path === '/api/chat.postMessage').at(-1)!;
    expect(post.headers.authorization).toBe(`Bearer ${await tokenOf('T0AAA')}`);
    expect(textOf(post)).toMatch(/Review of Peace Operations/);
  });

  it('posts every delivery with the latest token: a reinstall at once, an expiring rotating one refreshed first', async () => {
    const notifier = createSlackNotifier(
      workspaceClients(installerAuthorize(app, store), (token) =>
        createNotifierClient(token, { slackApiUrl: fake.apiUrl }),
      ),
    );
    const dm = (teamId: string, key: string) =>
      notifier.post({
        to: { kind: 'user', userId: 'U0DM', workspace: { teamId, enterpriseId: '' } },
        reply: { kind: 'notice', tone: 'info', text: `hello ${key}` },
        key,
      });
    const lastPost = () => fake.requests.filter((r) => r.path === '/api/chat.postMessage').at(-1)!;
    const refreshes = () =>
      fake.requests.filter(
        (r) => r.path === '/api/oauth.v2.access' && r.form?.grant_type === 'refresh_token',
      );

    // A reinstall replaces the token; the very next post uses the new one.
    expect((await install('T0REI')).status).toBe(200);
    expect(await dm('T0REI', 'k-1')).toMatchObject({ ok: true });
    const first = (await store.fetchInstallation(query('T0REI'))).bot?.token;
    expect(lastPost().headers.authorization).toBe(`Bearer ${first}`);
    expect((await install('T0REI')).status).toBe(200);
    const second = (await store.fetchInstallation(query('T0REI'))).bot?.token;
    expect(second).not.toBe(first);
    expect(await dm('T0REI', 'k-2')).toMatchObject({ ok: true });
    expect(lastPost().headers.authorization).toBe(`Bearer ${second}`);

    // A rotating token that expires within the hour is refreshed (oauth.v2.access, grant_type=refresh_token)
    // before the post, stored, and used; the next post needs no refresh.
    expect((await install('T0DIS:rotating')).status).toBe(200);
    const before = refreshes().length;
    expect(await dm('T0DIS', 'k-3')).toMatchObject({ ok: true });
    expect(refreshes()).toHaveLength(before + 1);
    expect(refreshes().at(-1)?.form?.refresh_token).toBe('xoxe-1-first-T0DIS');
    const rotated = await store.fetchInstallation(query('T0DIS'));
    expect(rotated.bot?.token).toMatch(/^xoxe\.xoxb-rotated-/);
    expect(lastPost().headers.authorization).toBe(`Bearer ${rotated.bot?.token}`);
    expect(await dm('T0DIS', 'k-4')).toMatchObject({ ok: true });
    expect(refreshes()).toHaveLength(before + 1);
    expect(lastPost().headers.authorization).toBe(`Bearer ${rotated.bot?.token}`);
  });

  it('removes the installation on app_uninstalled, and a later tokens_revoked or repeat is harmless', async () => {
    await appEvent('T0AAA', { type: 'app_uninstalled' });
    await expect(store.fetchInstallation(query('T0AAA'))).rejects.toThrow(/no installation/);
    await appEvent('T0AAA', { type: 'tokens_revoked', tokens: { bot: ['U0BOT'] } });
    await appEvent('T0AAA', { type: 'app_uninstalled' });
    expect(await slash('T0AAA', 'peacekeeping')).toBeUndefined();
    // The other workspace is untouched.
    expect(await slash('T0BBB', 'peacekeeping')).toMatch(/eacekeeping/);
    await appEvent('T0BBB', { type: 'tokens_revoked', tokens: { bot: ['U0BOT'] } });
    await expect(store.fetchInstallation(query('T0BBB'))).rejects.toThrow(/no installation/);
    // Only the refusals these tests provoked were logged, and no token reached a line.
    const unexpected = log.lines.filter(
      (l) => /ERROR/.test(l) && !/Authorization of incoming event did not succeed|InvalidStateError/.test(l),
    );
    expect(unexpected).toEqual([]);
    expect(log.lines.join('\n')).not.toMatch(/xox[be]\.?[-a-z]*-?T0|xoxe-1-/);
  });
});
