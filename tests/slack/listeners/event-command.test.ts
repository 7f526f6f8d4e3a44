import { afterAll, describe, expect, it } from 'vitest';
import { SlackIds } from '../../../src/slack/ids.js';
import { eventCommand } from '../../../src/slack/listeners/commands/event-command.js';
import { slashCommand } from '../../../support/fake-slack.js';
import { relevanceContext } from '../../helpers/search.js';
import { interactives, texts } from '../views/inspect.js';
import { brokenDeps, captureLogger, fakeSlackArgs } from './fakes.js';

const context = await relevanceContext('America/New_York');
afterAll(() => context.close());

const DINNER_TITLE = 'Strengthening the Partnership: A Fresh Dialogue on UN Peacekeeping';
const RESPONSE_URL = 'https://hooks.slack.test/commands/T0FAKE/1/abc';

function run(text: string, deps = context.commands, failRespond?: (call: number) => boolean) {
  const fake = fakeSlackArgs(failRespond);
  const log = captureLogger();
  const command = slashCommand({ text, responseUrl: RESPONSE_URL, userId: 'U0ASKER' });
  const done = eventCommand({ commands: deps })({
    ack: fake.ack,
    respond: fake.respond,
    command,
    logger: log.logger,
  });
  return { ...fake, ...log, done };
}

describe('/event listener', () => {
  it('acks empty before doing anything else, then answers the asker only', async () => {
    const { done, order, ack, sent } = run('peacekeeping finland');
    await done;
    expect(order).toEqual(['ack', 'respond']);
    expect(ack).toHaveBeenCalledWith();
    expect(sent).toHaveLength(1);
    expect(sent[0].response_type).toBe('ephemeral');
    expect(texts(sent[0].blocks!)).toContain(DINNER_TITLE);
    expect(interactives(sent[0].blocks!).map((i) => i.actionId)).toContain('event_share');
  });

  it('answers a clear `share` with a private preview of the card, attribution on top', async () => {
    const { done, sent } = run('share peacekeeping finland');
    await done;
    expect(sent).toHaveLength(1);
    expect(sent[0].response_type).toBe('ephemeral');
    const shown = texts(sent[0].blocks!);
    expect(shown[0]).toMatch(/^:eyes: \*Preview\*/);
    expect(shown[1]).toBe(':mega: <@U0ASKER> shared an event');
    expect(
      interactives(sent[0].blocks!)
        .slice(-3)
        .map((i) => i.actionId),
    ).toEqual([SlackIds.actions.sharePost, SlackIds.actions.shareNote, SlackIds.actions.shareCancel]);
  });

  it('offers a picker, privately, when a share is ambiguous', async () => {
    const { done, sent } = run('share peacekeeping');
    await done;
    expect(sent[0].response_type).toBe('ephemeral');
    const ids = interactives(sent[0].blocks!).map((i) => i.actionId);
    const picks = ids.filter((id) => !id.startsWith(SlackIds.actions.page));
    expect(picks.length).toBeGreaterThan(1);
    expect(picks.every((id) => id === SlackIds.actions.share)).toBe(true);
  });

  it('answers empty text with help', async () => {
    const { done, sent } = run('   ');
    await done;
    expect(texts(sent[0].blocks!).join('\n')).toMatch(/\/event upcoming/);
  });

  it('turns a failure after the ack into an ephemeral apology with a ref that is also logged', async () => {
    const { done, order, sent, lines } = run('peacekeeping xoxb-123-secret', brokenDeps(context.commands));
    await expect(done).resolves.toBeUndefined();
    expect(order).toEqual(['ack', 'respond']);
    expect(sent[0].response_type).toBe('ephemeral');
    const ref = /Something went wrong \(ref ([0-9a-f]{6})\)\. Please try again\./.exec(
      sent[0].text ?? '',
    )?.[1];
    expect(ref).toBeDefined();
    const logged = lines.join('\n');
    expect(logged).toContain(`ref=${ref}`);
    expect(logged).toContain('user=U0ASKER');
    expect(logged).toContain('textLength=28');
    expect(logged).toContain('disk I/O error');
    expect(logged).not.toContain('xoxb-123-secret');
  });

  it('logs, and does not throw, when even the apology cannot be posted', async () => {
    const { done, order, sent, lines } = run('peacekeeping', context.commands, () => true);
    await expect(done).resolves.toBeUndefined();
    expect(order).toEqual(['ack', 'respond', 'respond']);
    expect(sent).toEqual([]);
    const ref = /ref=([0-9a-f]{6})/.exec(lines.join('\n'))?.[1];
    expect(lines.filter((l) => l.includes(`ref=${ref}`))).toHaveLength(2);
    expect(lines.join('\n')).toContain('could not tell the user either');
  });
});
