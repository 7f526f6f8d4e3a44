import {
  describeQuery,
  describeSchedule,
  digestEvents,
  nextRun,
  parseSubscribe,
} from '../reminders/digest.js';
import { BOT_HANDLE, MAX_CHANNEL_SUBSCRIPTIONS, type Subscription } from '../reminders/model.js';
import { isEmptyQuery, parseQuery } from '../search/query-parser.js';
import { formatInZone } from '../when-text.js';
import type { CommandDeps, CommandInput } from './deps.js';
import { notice } from './notice.js';
import { userZone } from './remind-command.js';
import type { CommandResult, Reply } from './reply.js';

const IN_A_CHANNEL = 'Run this in the channel that should get the digest.';
const INVITE = `invite me with \`/invite @${BOT_HANDLE}\``;

/**
 * `/event subscribe [theme or query] [daily|weekly <day>] [at <time>] [always] [tz:<zone>]`: the channel
 * gets a digest of matching upcoming events on that schedule, at wall-clock time in the subscription's
 * zone (the subscriber's own unless `tz:` names one). Subscribing again to a paused digest resumes it.
 */
export async function subscribeCommand(input: CommandInput, deps: CommandDeps): Promise<CommandResult> {
  if (!input.channelId) return notice('warning', IN_A_CHANNEL);
  if (!input.userId) return notice('warning', 'I need to know who is subscribing.');
  const request = parseSubscribe(input.text);
  if (request.problem) return notice('warning', request.problem);
  const now = deps.clock.now();
  const zone = request.zone ?? userZone(input, deps);
  if (request.query) {
    const parsed = parseQuery(request.query, now, zone);
    if (parsed.problems.length) return notice('warning', parsed.problems.join('\n'));
    if (isEmptyQuery(parsed)) {
      return notice(
        'warning',
        `I couldn't find any words to match in “${request.query.slice(0, 80)}”. Try \`/event subscribe peacekeeping weekly monday at 9am\`.`,
      );
    }
  }
  const runMs = nextRun(request.schedule, zone, now.getTime());
  const result = await deps.subscriptions.add(
    {
      channelId: input.channelId,
      channelName: input.channelName,
      createdBy: input.userId,
      query: request.query,
      schedule: request.schedule,
      zone,
      postWhenEmpty: request.postWhenEmpty,
      runMs,
    },
    { nowMs: now.getTime(), cap: MAX_CHANNEL_SUBSCRIPTIONS },
  );
  if (!result.ok && result.reason === 'cap') {
    return notice(
      'warning',
      `This channel already has ${result.active} digests, the most I keep for one channel. Stop one with \`/event unsubscribe <n>\` first.`,
    );
  }
  if (!result.ok) {
    return notice(
      'info',
      `${channelLabel(input)} already gets ${describeQuery(result.existing.query)} ${describeSchedule(result.existing.schedule, result.existing.zone)}. The next digest is due ${formatInZone(result.existing.runMs, result.existing.zone)}.`,
    );
  }
  const sub = result.subscription;
  const matching = digestEvents(sub, deps.index, sub.runMs, now.getTime()).length;
  const announce: Reply = {
    kind: 'digest-set-up',
    createdBy: input.userId,
    what: sub.query ? `upcoming events matching ${describeQuery(sub.query)}` : 'all upcoming events',
    schedule: describeSchedule(sub.schedule, sub.zone),
    firstText: formatInZone(sub.runMs, sub.zone),
    resumed: result.resumed,
  };
  const lines = [
    `${result.resumed ? 'Resumed' : 'Subscribed'} ${channelLabel(input)} to a digest of ${sub.query ? `upcoming events matching ${describeQuery(sub.query)}` : 'all upcoming events'}, ${describeSchedule(sub.schedule, sub.zone)}.`,
    `The first is due ${formatInZone(sub.runMs, sub.zone)}; ${matching === 0 ? 'no event matches yet' : `${matching} ${matching === 1 ? 'event matches' : 'events match'} so far`}.`,
    sub.postWhenEmpty
      ? 'It is posted even when nothing matches.'
      : 'Nothing is posted when no event matches (add `always` to get a digest anyway).',
    `To post in a private channel I must be a member: if I'm not, ${INVITE}.`,
  ];
  return { ...notice('info', lines.join(' ')), announce };
}

/** `/event unsubscribe [n|all]`: stops one of this channel's digests (the only one, when there is one). */
export async function unsubscribeCommand(input: CommandInput, deps: CommandDeps): Promise<CommandResult> {
  if (!input.channelId) return notice('warning', IN_A_CHANNEL.replace('get', 'stop getting'));
  const subs = await deps.subscriptions.forChannel(input.channelId);
  const what = input.text.trim().toLowerCase();
  const nowMs = deps.clock.now().getTime();
  if (!subs.length) return notice('info', `${channelLabel(input)} has no digests.`);
  if (what === 'all') {
    const mine = subs.filter((s) => mayChange(s, input));
    if (!mine.length) return denied('stop', subs[0]!);
    for (const s of mine) await deps.subscriptions.cancel(s.id, input.channelId, nowMs);
    const left = subs.length - mine.length;
    const kept = left
      ? ` ${left} set up by others ${left === 1 ? 'stays' : 'stay'}: only whoever set one up, or a workspace admin, can stop it.`
      : '';
    return listResult(
      input,
      deps,
      `Stopped ${mine.length} ${mine.length === 1 ? 'digest' : 'digests'}.${kept}`,
    );
  }
  const n = /^#?(\d{1,3})$/.exec(what);
  if (!what && subs.length > 1) {
    return listResult(
      input,
      deps,
      'This channel has several digests: say which to stop, `/event unsubscribe <n>` or `all`.',
    );
  }
  const target = what ? (n ? subs[Number(n[1]) - 1] : undefined) : subs[0];
  if (!target) {
    return notice(
      'warning',
      `Pick a digest by its number, from 1 to ${subs.length}: \`/event subscriptions\` lists them.`,
    );
  }
  if (!mayChange(target, input)) return denied('stop', target);
  await deps.subscriptions.cancel(target.id, input.channelId, nowMs);
  return listResult(
    input,
    deps,
    `Stopped the digest of ${describeQuery(target.query)} (${describeSchedule(target.schedule, target.zone)}).`,
  );
}

/** `/event subscriptions`: this channel's digests, with when each runs next and why one is paused. */
export async function subscriptionsCommand(input: CommandInput, deps: CommandDeps): Promise<CommandResult> {
  if (!input.channelId) return notice('warning', 'Run this in a channel to see its digests.');
  return listResult(input, deps);
}

async function listResult(
  input: Pick<CommandInput, 'channelId' | 'channelName'>,
  deps: CommandDeps,
  note?: string,
): Promise<CommandResult> {
  const subs = await deps.subscriptions.forChannel(input.channelId!);
  return {
    visibility: 'ephemeral',
    reply: {
      kind: 'subscriptions',
      heading: `Digests in ${channelLabel(input)}`,
      items: subs.map((s, i) => ({
        subscriptionId: s.id,
        position: i + 1,
        createdBy: s.createdBy,
        what: describeQuery(s.query),
        schedule: describeSchedule(s.schedule, s.zone),
        nextRunText: formatInZone(s.runMs, s.zone),
        paused: s.state === 'paused' ? pauseReason(s) : undefined,
        actions: [
          s.state === 'paused'
            ? { kind: 'resume-digest', subscriptionId: s.id }
            : { kind: 'pause-digest', subscriptionId: s.id },
          { kind: 'stop-digest', subscriptionId: s.id },
        ],
      })),
      empty:
        'No digests here yet. Start one with `/event subscribe [theme or words] [daily|weekly <day>] [at <time>]`.',
      note,
    },
  };
}

/**
 * Pause, Resume and Stop on a listed digest. Pause and Stop are for whoever set it up or a workspace
 * admin; anyone may resume a paused one (as subscribing again does).
 */
export async function digestAction(
  verb: 'pause' | 'resume' | 'stop',
  subscriptionId: string,
  input: Pick<CommandInput, 'userId' | 'channelId' | 'channelName' | 'admin'>,
  deps: CommandDeps,
): Promise<CommandResult> {
  if (!input.channelId || !input.userId) return notice('warning', IN_A_CHANNEL);
  const sub = (await deps.subscriptions.forChannel(input.channelId)).find((s) => s.id === subscriptionId);
  if (!sub) return listResult(input, deps, 'That digest was already stopped.');
  if (verb !== 'resume' && !mayChange(sub, input)) return denied(verb, sub);
  const nowMs = deps.clock.now().getTime();
  const what = `the digest of ${describeQuery(sub.query)}`;
  if (verb === 'stop') {
    await deps.subscriptions.cancel(sub.id, input.channelId, nowMs);
    return listResult(input, deps, `Stopped ${what} (${describeSchedule(sub.schedule, sub.zone)}).`);
  }
  if (verb === 'pause') {
    const paused = await deps.subscriptions.pause(sub.id, input.channelId, input.userId, nowMs);
    return listResult(
      input,
      deps,
      paused ? `Paused ${what}; Resume starts it again.` : `${what} was already paused.`,
    );
  }
  const runMs = nextRun(sub.schedule, sub.zone, nowMs);
  const resumed = await deps.subscriptions.resume(sub.id, input.channelId, runMs, nowMs);
  return listResult(
    input,
    deps,
    resumed
      ? `Resumed ${what}; the next is due ${formatInZone(resumed.runMs, sub.zone)}.`
      : `${what} is not paused.`,
  );
}

/** Whoever set a digest up, and workspace admins, may pause or stop it. */
function mayChange(sub: Subscription, input: Pick<CommandInput, 'userId' | 'admin'>): boolean {
  return sub.createdBy === input.userId || input.admin === true;
}

function denied(verb: 'pause' | 'stop', sub: Subscription): CommandResult {
  return {
    visibility: 'ephemeral',
    reply: { kind: 'digest-denied', verb, what: describeQuery(sub.query), createdBy: sub.createdBy },
  };
}

/** Why a digest is paused, and what to do about it: who paused it, or the Slack error that did. */
function pauseReason(sub: Subscription): string {
  if (sub.pausedBy) return 'Paused with its Pause button; Resume starts it again.';
  switch (sub.lastError) {
    case 'not_in_channel':
      return `I'm not a member of this channel: ${INVITE}, then run the same \`/event subscribe\` again to resume.`;
    case 'channel_not_found':
      return `I can't see this channel (it is private or was deleted): ${INVITE}, then subscribe again to resume.`;
    case 'is_archived':
      return 'The channel was archived. Subscribe again after unarchiving it.';
    default:
      return `Posting failed (${sub.lastError ?? 'unknown error'}). Subscribe again to resume.`;
  }
}

function channelLabel(input: Pick<CommandInput, 'channelName'>): string {
  return input.channelName ? `#${input.channelName}` : 'this channel';
}
