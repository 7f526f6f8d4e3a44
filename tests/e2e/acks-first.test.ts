import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/context.js';
import { acksOwed } from '../../src/slack/acks-owed.js';
import { createSlackApp, SLACK_EVENTS_PATH, startSlackApp } from '../../src/slack/create-slack-app.js';
import {
  commandBody,
  type FakeSlack,
  nowSeconds,
  postSigned,
  signSlackRequest,
  slashCommand,
  startFakeSlack,
} from '../../support/fake-slack.js';
import { memoryLogger, slackTestContext, TEST_SIGNING_SECRET } from '../helpers/slack-app.js';

let fake: FakeSlack;
let context: AppContext;
let url: URL;
let stop: () => Promise<void>;
// Long enough that only a paid ack, never the longest wait, can let an answer go in this test.
const acks = acksOwed(60_000);

beforeAll(async () => {
  fake = await startFakeSlack();
  context = await slackTestContext(fake);
  const app = createSlackApp(context.config, context, {
    logger: memoryLogger('error').logger,
    acksOwed: acks,
  });
  const { port } = await startSlackApp(app, context.config, { port: 0, host: '127.0.0.1' });
  url = new URL(`http://127.0.0.1:${port}${SLACK_EVENTS_PATH}`);
  stop = async () => {
    await app.stop();
    context.close();
    await fake.close();
  };
});

afterAll(async () => {
  await stop();
});

/** A signed command whose body arrives in two halves, the second when `finish()` is called. */
function slowCommand(text: string, name: string) {
  const body = commandBody(slashCommand({ text, responseUrl: fake.responseUrl(name), userId: 'U0SLOW' }));
  const timestamp = nowSeconds();
  const req = request(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'content-length': Buffer.byteLength(body),
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signSlackRequest(TEST_SIGNING_SECRET, timestamp, body),
    },
  });
  const acked = new Promise<{ status: number; at: number }>((resolve, reject) => {
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, at: performance.now() }));
    });
    req.on('error', reject);
  });
  const half = Math.floor(body.length / 2);
  req.write(body.slice(0, half));
  return { acked, finish: () => req.end(body.slice(half)) };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('acks first: no answer is worked on while another request waits for its ack', () => {
  it('acks a command at once but posts its answer only after the ack owed to an earlier request', async () => {
    const slow = slowCommand('peacekeeping', 'slow');
    await until(() => acks.count() === 1);

    const quick = await postSigned(
      url.href,
      TEST_SIGNING_SECRET,
      commandBody(
        slashCommand({ text: 'peacekeeping', responseUrl: fake.responseUrl('quick'), userId: 'U0QUICK' }),
      ),
    );
    expect(quick.status).toBe(200);
    // Give the quick command's answer every chance to be posted (it would be, within milliseconds,
    // were answers not held back), then let the slow request's body arrive.
    await Promise.race([
      fake.waitFor((r) => r.path === '/response/quick', 1, 60_000),
      new Promise((resolve) => setTimeout(resolve, 500)),
    ]);
    expect(fake.requests.filter((r) => r.path === '/response/quick')).toHaveLength(0);
    slow.finish();

    const ack = await slow.acked;
    expect(ack.status).toBe(200);
    const [answer] = await fake.waitFor((r) => r.path === '/response/quick');
    expect(answer.at).toBeGreaterThanOrEqual(ack.at - 50);
    await fake.waitFor((r) => r.path === '/response/slow');
    expect(acks.count()).toBe(0);
  });
});
