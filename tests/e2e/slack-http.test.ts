import { verifySlackRequest } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/context.js';
import { SlackIds } from '../../src/slack/ids.js';
import {
  actionBody,
  blockActions,
  commandBody,
  type FakeSlack,
  nowSeconds,
  postSigned,
  type RecordedRequest,
  signSlackRequest,
  slashCommand,
} from '../../support/fake-slack.js';
import { memoryLogger, startTestHttpApp, TEST_SIGNING_SECRET } from '../helpers/slack-app.js';
import { interactives, texts } from '../slack/views/inspect.js';

/** Slack's published example, from "Verifying requests from Slack". */
const DOC = {
  secret: '8f742231b10e8888abcd99yyyzzz85a5',
  timestamp: 1531420618,
  body: 'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
  signature: 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
};
const DINNER_TITLE = 'Strengthening the Partnership: A Fresh Dialogue on UN Peacekeeping';
const REVIEW_TITLE = 'The Review of Peace Operations: Findings and Next Steps';

let fake: FakeSlack;
let context: AppContext;
let base: string;
let stop: () => Promise<void>;
const log = memoryLogger('warn');

beforeAll(async () => {
  ({ fake, context, base, stop } = await startTestHttpApp(log.logger));
});

afterAll(async () => {
  await stop();
});

const blocksOf = (r: RecordedRequest) => r.json?.blocks as KnownBlock[];

/** Sends `/event <text>` the way Slack does and waits for what the app posts to its response_url. */
async function slash(text: string, name: string, count = 1) {
  const body = commandBody(slashCommand({ text, responseUrl: fake.responseUrl(name), userId: 'U0ASKER' }));
  const ack = await postSigned(`${base}/slack/events`, TEST_SIGNING_SECRET, body);
  const posted = await fake.waitFor((r) => r.path === `/response/${name}`, count);
  return { ack, posted };
}

/** Clicks an element found in a message's blocks, the way Slack reports the click. */
async function clickIn(blocks: KnownBlock[], actionId: (id: string) => boolean, name: string, count = 1) {
  const element = interactives(blocks).find((i) => actionId(i.actionId));
  if (!element) throw new Error(`no element matching in ${JSON.stringify(interactives(blocks))}`);
  const isSelect = element.type === 'static_select';
  const payload = blockActions({
    actionId: element.actionId,
    ...(isSelect ? { selectedValue: element.values[0] } : { value: element.values[0] }),
    responseUrl: fake.responseUrl(name),
    userId: 'U0ASKER',
  });
  const ack = await postSigned(`${base}/slack/events`, TEST_SIGNING_SECRET, actionBody(payload));
  const posted = await fake.waitFor((r) => r.path === `/response/${name}`, count);
  return { ack, posted, element };
}

describe('the HTTP door, end to end', () => {
  it('reports health with the event count', async () => {
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', events: 120 });
  });

  it('acks a signed slash command with an empty 200, then posts the card to the response_url', async () => {
    const { ack, posted } = await slash('peacekeeping finland', 'e2e-cmd');
    expect(ack).toMatchObject({ status: 200, body: '' });
    expect(posted).toHaveLength(1);
    expect(posted[0].headers['content-type']).toMatch(/^application\/json/);
    expect(posted[0].json?.response_type).toBe('ephemeral');
    expect(texts(blocksOf(posted[0]))).toContain(DINNER_TITLE);
  });

  it('shares a card clicked in Slack: a private preview, then Post puts it in the channel and deletes the preview', async () => {
    const { posted: card } = await slash('peacekeeping finland', 'e2e-share-card');
    const { posted: preview } = await clickIn(
      blocksOf(card[0]),
      (id) => id === SlackIds.actions.share,
      'e2e-share-preview',
    );
    expect(preview[0].json).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    const { ack, posted } = await clickIn(
      blocksOf(preview[0]),
      (id) => id === SlackIds.actions.sharePost,
      'e2e-share',
      2,
    );
    expect(ack.status).toBe(200);
    expect(posted[0].json).toMatchObject({ response_type: 'in_channel', replace_original: false });
    expect(texts(blocksOf(posted[0]))).toEqual(
      expect.arrayContaining([DINNER_TITLE, ':mega: <@U0ASKER> shared an event']),
    );
    expect(posted[1].json).toEqual({ delete_original: true });
  });

  it('serves an upcoming event’s .ics file over HTTP, and 404 for an unknown one', async () => {
    const review = context.commands.index
      .events(context.commands.index.browse({ fromMs: Date.parse('2026-12-01') }, 'asc', 1, 0))
      .at(0)!;
    const response = await fetch(`${base}/calendar/${encodeURIComponent(review.id)}/review.ics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const body = await response.text();
    expect(body).toContain('BEGIN:VEVENT');
    expect(body).toContain(`SUMMARY:${review.title.slice(0, 40)}`);
    expect(body).toContain('DTSTART:20261203T181500Z');
    expect((await fetch(`${base}/calendar/no-such-event/x.ics`)).status).toBe(404);
  });

  it('walks a card: More like this, then Open on one of them, each replacing the ephemeral message', async () => {
    const { posted: card } = await slash('peacekeeping finland', 'e2e-walk');
    const { posted: similar } = await clickIn(
      blocksOf(card[0]),
      (id) => id === SlackIds.actions.moreLike,
      'e2e-more',
    );
    expect(similar[0].json).toMatchObject({ response_type: 'ephemeral', replace_original: true });
    expect(texts(blocksOf(similar[0]))[0]).toBe(`More like "${DINNER_TITLE}"`);

    const { posted: opened, element } = await clickIn(
      blocksOf(similar[0]),
      (id) => id === SlackIds.actions.open,
      'e2e-open',
    );
    expect(opened[0].json).toMatchObject({ response_type: 'ephemeral', replace_original: true });
    const openedId = JSON.parse(element.values[0]).e as string;
    expect(context.commands.index.events([openedId])[0]?.title).toBe(texts(blocksOf(opened[0]))[0]);
  });

  it('answers a "Remind me" choice privately with the reminder it set, through the click’s response_url', async () => {
    const { posted: card } = await slash('review of peace operations', 'e2e-remind-card');
    expect(texts(blocksOf(card[0]))).toContain(REVIEW_TITLE);
    const { ack, posted, element } = await clickIn(
      blocksOf(card[0]),
      (id) => id === SlackIds.actions.remind,
      'e2e-remind',
    );
    expect(ack.status).toBe(200);
    // The first choice is "the day before": 13:15 EST on 2 December 2026.
    expect(JSON.parse(element.values[0]).w).toBe('day-before');
    expect(posted[0].json).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(posted[0].json?.text).toBe(
      `Reminder set: ${REVIEW_TITLE} — Wednesday, 2 December 2026 at 13:15 EST`,
    );
    const [reminder] = await context.commands.reminders.active('U0ASKER');
    expect(reminder).toMatchObject({ eventTitle: REVIEW_TITLE, dueMs: Date.parse('2026-12-02T18:15:00Z') });
  });

  it('escapes mentions and links the user typed: none reach the reply raw', async () => {
    const { posted } = await slash('<!channel> <!here> <@U123> <http://x|y> peacekeeping', 'e2e-escape');
    const raw = JSON.stringify(posted[0].json);
    expect(blocksOf(posted[0]).length).toBeGreaterThan(0);
    for (const token of ['<!channel>', '<!here>', '<@U123>', '<http://x|y>'])
      expect(raw).not.toContain(token);
  });

  it('keeps serving after a response_url refuses: the user gets a ref, the next command works', async () => {
    fake.failResponses(500, 1);
    const { posted } = await slash('peacekeeping finland', 'e2e-fail', 2);
    expect(posted[1].json?.text).toMatch(/^Something went wrong \(ref [0-9a-f]{6}\)\. Please try again\.$/);
    const ref = /ref ([0-9a-f]{6})/.exec(String(posted[1].json?.text))?.[1];
    expect(log.lines.some((l) => l.includes(`ref=${ref}`) && l.includes('surface=/event'))).toBe(true);

    const { posted: next } = await slash('peacekeeping finland', 'e2e-after-fail');
    expect(texts(blocksOf(next[0]))).toContain(DINNER_TITLE);
  });
});

describe('request signing', () => {
  const url = () => `${base}/slack/events`;
  const body = () => commandBody(slashCommand({ text: 'help', responseUrl: fake.responseUrl('e2e-forged') }));

  it('reproduces the signature in Slack’s published example, which Bolt’s verifier accepts', async () => {
    expect(signSlackRequest(DOC.secret, DOC.timestamp, DOC.body)).toBe(DOC.signature);
    expect(() =>
      verifySlackRequest({
        signingSecret: DOC.secret,
        body: DOC.body,
        headers: { 'x-slack-signature': DOC.signature, 'x-slack-request-timestamp': DOC.timestamp },
        nowMilliseconds: DOC.timestamp * 1000,
      }),
    ).not.toThrow();
  });

  it('is accepted by the running receiver when made the same way with a fresh timestamp', async () => {
    const fresh = commandBody(slashCommand({ text: 'help', responseUrl: fake.responseUrl('e2e-signed') }));
    const timestamp = nowSeconds();
    const response = await postSigned(url(), DOC.secret, fresh, {
      timestamp,
      signature: signSlackRequest(DOC.secret, timestamp, fresh),
    });
    expect(response.status).toBe(200);
    await fake.waitFor((r) => r.path === '/response/e2e-signed');
  });

  it.each([
    ['signed with another secret', () => postSigned(url(), 'not-the-signing-secret', body())],
    [
      'older than five minutes',
      () => postSigned(url(), TEST_SIGNING_SECRET, body(), { timestamp: nowSeconds() - 6 * 60 }),
    ],
    [
      'whose body was changed after signing',
      () => {
        const timestamp = nowSeconds();
        const signature = signSlackRequest(TEST_SIGNING_SECRET, timestamp, body());
        return postSigned(url(), TEST_SIGNING_SECRET, body().replace('text=help', 'text=share+x'), {
          timestamp,
          signature,
        });
      },
    ],
    ['with no signature at all', () => postSigned(url(), TEST_SIGNING_SECRET, body(), { signature: '' })],
  ])('refuses a request %s with 401 and runs nothing', async (_label, send) => {
    const response = await send();
    expect(response.status).toBe(401);
    expect(fake.responses('e2e-forged')).toEqual([]);
  });

  it('answers 404 for paths it does not serve', async () => {
    expect((await fetch(`${base}/nope`)).status).toBe(404);
  });
});
