import { describe, expect, it } from 'vitest';
import type { PostResult } from '../../src/core/ports/notifier.js';
import { addReminder, dispatcher, fakeNotifier, jobContext, REVIEW } from './helpers.js';

type Row = { id: number; status: string; claim_token: string | null; posting_ms: number | null };
const rows = (db: Awaited<ReturnType<typeof jobContext>>['context']['db']) =>
  db.prepare('SELECT id, status, claim_token, posting_ms FROM reminders ORDER BY id').all() as Row[];

describe('a draining stop (SIGTERM)', () => {
  it('finishes the post under way, posts nothing more, and gives the rest back to the queue', async () => {
    const { context, clock } = await jobContext();
    const slack = fakeNotifier({ clock });
    // One user's two reminders go one after the other (one post a second per DM).
    const first = addReminder(context, 'U1', REVIEW, '2026-11-29T11:59:00Z');
    const second = addReminder(context, 'U1', REVIEW, '2026-11-29T11:59:30Z');
    let answer: (r: PostResult) => void = () => {};
    slack.script(() => ({ ok: true, ts: '1.0001', channelId: 'D-U1' }));
    const held = new Promise<PostResult>((resolve) => {
      answer = resolve;
    });
    const inner = slack.notifier.post;
    slack.notifier.post = async (message) => {
      void inner(message);
      return held;
    };
    const { dispatcher: d, log } = dispatcher(context, clock, slack.notifier, {
      leases: context.leases,
    });
    const ticking = d.tick();
    await slack.callsReached(1);

    const stopping = d.stop({ drainMs: 5000 });
    answer({ ok: true, ts: '1.0001', channelId: 'D-U1' });
    await stopping;
    const report = await ticking;

    expect(slack.calls.map((c) => c.key)).toEqual([`reminder:${first.id}`]);
    expect(report).toMatchObject({ claimed: 2, sent: 1, released: 1 });
    expect(rows(context.db)).toMatchObject([
      { id: Number(first.id), status: 'sent' },
      { id: Number(second.id), status: 'pending', claim_token: null, posting_ms: null },
    ]);
    expect(log.lines.join('\n')).not.toMatch(/error/);
  });

  it('after its grace, gives back the claims it could not reach and leaves a post under way to its lease', async () => {
    const { context, clock } = await jobContext();
    const slack = fakeNotifier({ clock });
    addReminder(context, 'U1', REVIEW, '2026-11-29T11:59:00Z');
    addReminder(context, 'U1', REVIEW, '2026-11-29T11:59:30Z');
    slack.script(() => 'hang');
    const { dispatcher: d, log } = dispatcher(context, clock, slack.notifier, {
      leases: context.leases,
      postTimeoutMs: 0,
    });
    void d.tick();
    await slack.callsReached(1);

    await d.stop({ drainMs: 50 });

    const [posting, waiting] = rows(context.db);
    // The hanging post may be in Slack already: it stays claimed, and its next claimer looks for it first.
    expect(posting).toMatchObject({ status: 'sending', posting_ms: expect.any(Number) });
    // The one never begun is free for another replica now, not in two minutes.
    expect(waiting).toMatchObject({ status: 'pending', claim_token: null, posting_ms: null });
    expect(context.leases.backlog(clock.now().getTime())).toEqual({ due: 1, claimed: 1 });
    expect(log.lines).toContain('info dispatcher: gave back 1 claim(s) for another replica');
    expect(slack.calls).toHaveLength(1);
  });

  it('stops between ticks at once without a drain, as before', async () => {
    const { context, clock } = await jobContext();
    const slack = fakeNotifier({ clock });
    addReminder(context, 'U1', REVIEW, '2026-11-29T11:59:00Z');
    const { dispatcher: d } = dispatcher(context, clock, slack.notifier, { leases: context.leases });
    await d.stop();
    expect(context.leases.backlog(clock.now().getTime())).toEqual({ due: 1, claimed: 0 });
  });
});
