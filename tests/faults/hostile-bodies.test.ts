import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  commandBody,
  type FakeSlack,
  nowSeconds,
  postSigned,
  signSlackRequest,
  slashCommand,
} from '../../support/fake-slack.js';
import { memoryLogger, startTestHttpApp, TEST_SIGNING_SECRET } from '../helpers/slack-app.js';

let fake: FakeSlack;
let base: string;
let stop: () => Promise<void>;
const log = memoryLogger('warn');
let served = 0;

beforeAll(async () => {
  ({ fake, base, stop } = await startTestHttpApp(log.logger));
});
afterAll(async () => {
  await stop();
});

/** A body signed as Slack would sign it, sent with the given content type. */
async function sendSigned(body: string, contentType: string, timestamp = nowSeconds()) {
  const response = await fetch(`${base}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signSlackRequest(TEST_SIGNING_SECRET, timestamp, body),
    },
    body,
  });
  await response.text();
  return response.status;
}

/** The bot still answers an ordinary command: the process and its receiver survived. */
async function stillServes() {
  served += 1;
  const name = `after-${served}`;
  const body = commandBody(
    slashCommand({ text: 'help', responseUrl: fake.responseUrl(name), userId: `U0SERVED${served}` }),
  );
  expect((await postSigned(`${base}/slack/events`, TEST_SIGNING_SECRET, body)).status).toBe(200);
  const [reply] = await fake.waitFor((r) => r.path === `/response/${name}`);
  expect(reply.body).toMatch(/event/);
}

describe('hostile bodies through the real HTTP receiver, signed', () => {
  it.each([
    ['null', 'null', 'application/json'],
    ['an array', '[]', 'application/json'],
    ['a number', '42', 'application/json'],
    ['a string', '"hello"', 'application/json'],
    ['truncated JSON', '{"type":"block_actions","user":{"id":"U1"', 'application/json'],
    ['a form payload of null', 'payload=null', 'application/x-www-form-urlencoded'],
    ['a form payload of truncated JSON', 'payload=%7B%22type%22%3A', 'application/x-www-form-urlencoded'],
  ])('answers %s with 400 and keeps serving', async (_name, body, type) => {
    expect(await sendSigned(body, type)).toBe(400);
    await stillServes();
  });

  it('answers an object Bolt cannot route without crashing, and keeps serving', async () => {
    const status = await sendSigned(
      '{"type":"no_such_thing","deeply":{"nested":[1,2,3]}}',
      'application/json',
    );
    expect(status).toBeLessThan(500);
    await stillServes();
  });

  it('refuses a body over the size limit with 413 and keeps serving', async () => {
    const huge = `text=${'x'.repeat(2 * 1024 * 1024)}`;
    expect(await sendSigned(huge, 'application/x-www-form-urlencoded')).toBe(413);
    await stillServes();
  });

  it('answers a command with a huge text value by saying what to type, and keeps serving', async () => {
    const body = commandBody(
      slashCommand({ text: `speaker:${'a'.repeat(200_000)}`, responseUrl: fake.responseUrl('huge') }),
    );
    expect((await postSigned(`${base}/slack/events`, TEST_SIGNING_SECRET, body)).status).toBe(200);
    const [reply] = await fake.waitFor((r) => r.path === '/response/huge');
    expect(reply.body).toMatch(/too long/i);
    expect(reply.body).not.toMatch(/went wrong/i);
    await stillServes();
  });
});

describe('replays and clocks', () => {
  it('runs a signed request once and refuses the same signature again within the window', async () => {
    const body = commandBody(slashCommand({ text: 'help', responseUrl: fake.responseUrl('replayed') }));
    const timestamp = nowSeconds();
    const first = await postSigned(`${base}/slack/events`, TEST_SIGNING_SECRET, body, { timestamp });
    const second = await postSigned(`${base}/slack/events`, TEST_SIGNING_SECRET, body, { timestamp });
    expect(first.status).toBe(200);
    expect(second.status).toBe(401);
    await fake.waitFor((r) => r.path === '/response/replayed');
    await stillServes();
    expect(fake.responses('replayed')).toHaveLength(1);
    expect(log.lines.some((l) => /replay/.test(l))).toBe(true);
  });

  it('refuses a timestamp more than 5 minutes ahead, and accepts one a minute ahead', async () => {
    const ahead = (name: string, seconds: number) =>
      postSigned(
        `${base}/slack/events`,
        TEST_SIGNING_SECRET,
        commandBody(slashCommand({ text: 'help', responseUrl: fake.responseUrl(name) })),
        { timestamp: nowSeconds() + seconds },
      );
    expect((await ahead('future', 6 * 60)).status).toBe(401);
    expect((await ahead('skewed', 60)).status).toBe(200);
    await fake.waitFor((r) => r.path === '/response/skewed');
    expect(fake.responses('future')).toHaveLength(0);
  });

  it('still refuses a bad signature', async () => {
    const body = commandBody(slashCommand({ text: 'help', responseUrl: fake.responseUrl('forged') }));
    const forged = await postSigned(`${base}/slack/events`, TEST_SIGNING_SECRET, body, {
      signature: `v0=${'0'.repeat(64)}`,
    });
    expect(forged.status).toBe(401);
  });
});

describe('the process-level guard', () => {
  it('logs an error that escaped every handler, with a ref, instead of ending the process', async () => {
    const { EventEmitter } = await import('node:events');
    const { guardProcess } = await import('../../src/slack/errors.js');
    const proc = new EventEmitter();
    const guard = memoryLogger('error');
    guardProcess(guard.logger, proc);
    proc.emit('unhandledRejection', new Error('a forgotten promise'));
    proc.emit('uncaughtException', new Error('a library callback threw'));
    expect(guard.lines).toHaveLength(2);
    expect(guard.lines[0]).toMatch(
      /ref=[0-9a-f]{6} unhandled rejection; still serving:.*a forgotten promise/s,
    );
    expect(guard.lines[1]).toMatch(/uncaught exception; still serving:.*a library callback threw/s);
  });
});
