import type {
  ActionsBlock,
  ActionsBlockElement,
  Button,
  ConfirmationDialog,
  PlainTextOption,
  SectionBlock,
} from '@slack/types';
import type { ReplyAction } from '../../core/commands/reply.js';
import type { RemindPreset, SnoozePreset } from '../../core/reminders/model.js';
import { type ActionValue, actionValue, encodeActionValue, indexedActionId, SlackIds } from '../ids.js';
import { actions, plain } from './blocks.js';
import { LIMITS } from './limits.js';
import { oneLine, truncate } from './mrkdwn.js';

/** Which Block Kit action id each kind of core action answers to. */
const ACTION_IDS: Record<ReplyAction['kind'], string> = {
  share: SlackIds.actions.share,
  remind: SlackIds.actions.remind,
  'more-like': SlackIds.actions.moreLike,
  open: SlackIds.actions.open,
  page: SlackIds.actions.page,
  suggest: SlackIds.actions.suggest,
  'cancel-reminder': SlackIds.actions.cancelReminder,
  'read-more': SlackIds.actions.readMore,
  calendar: SlackIds.actions.calendar,
  'event-page': SlackIds.actions.eventPage,
  'share-post': SlackIds.actions.sharePost,
  'share-note': SlackIds.actions.shareNote,
  'share-cancel': SlackIds.actions.shareCancel,
  theme: SlackIds.actions.themePick,
  try: SlackIds.actions.helpTry,
  'snooze-reminder': SlackIds.actions.snoozeReminder,
  'pause-digest': SlackIds.actions.pauseDigest,
  'resume-digest': SlackIds.actions.resumeDigest,
  'stop-digest': SlackIds.actions.stopDigest,
  edit: SlackIds.actions.edit,
};

const SNOOZE_LABELS: Record<SnoozePreset, string> = { hour: 'An hour later', day: 'A day later' };

const REMIND_LABELS: Record<RemindPreset, string> = {
  'day-before': 'The day before',
  'hour-before': 'An hour before',
  'morning-of': 'The morning of',
};

/** What a button says, for each kind of action, on a card or beside a listed item. */
function labelOf(action: ReplyAction, place: 'card' | 'item', channelName?: string): string {
  switch (action.kind) {
    case 'open':
      return 'Open';
    case 'share':
      return place === 'card' ? 'Share…' : 'Share';
    case 'read-more':
      return 'Read more';
    case 'calendar':
      return 'Add to calendar';
    case 'event-page':
      return 'Event page';
    case 'share-post':
      return channelName ? `Post to #${channelName}` : 'Post here';
    case 'share-note':
      return 'Add a note';
    case 'share-cancel':
      return 'Cancel';
    case 'remind':
      return 'Remind me';
    case 'more-like':
      return place === 'card' ? 'More like this' : 'Related';
    case 'cancel-reminder':
      return 'Cancel';
    case 'page':
      return action.direction === 'next' ? 'Next results' : 'Previous';
    case 'suggest':
      return action.label ?? action.page.words;
    case 'theme':
      return action.theme;
    case 'try':
      return 'Try it';
    case 'snooze-reminder':
      return 'Snooze';
    case 'pause-digest':
      return 'Pause';
    case 'resume-digest':
      return 'Resume';
    case 'stop-digest':
      return 'Stop';
    case 'edit':
      return 'Edit';
  }
}

/**
 * The Block Kit element for a core {@link ReplyAction}: a button whose value is compact JSON, or for
 * "Remind me" with choices, a menu whose options each carry `{"e","w"}`. `about` (an event's title)
 * becomes the accessibility label, so a screen reader can tell repeated "Open" buttons apart.
 * Undefined when the value cannot fit Slack's limits: better no button than a refused message.
 */
export function actionElement(
  action: ReplyAction,
  options: { place?: 'card' | 'item'; about?: string; index?: number; channelName?: string } = {},
): ActionsBlockElement | undefined {
  const place = options.place ?? 'item';
  const label = labelOf(action, place, options.channelName);
  const base = ACTION_IDS[action.kind];
  const actionId = options.index === undefined ? base : indexedActionId(base, options.index);
  if (action.kind === 'remind' && action.choices?.length) {
    const { eventId: e, choices } = action;
    const select = presetSelect(actionId, 'Remind me…', choices, (w) => ({
      label: REMIND_LABELS[w],
      value: { e, w },
    }));
    if (select) return select;
  }
  if (action.kind === 'snooze-reminder' && action.choices?.length)
    return presetSelect(actionId, 'Snooze…', action.choices, (by) => ({
      label: SNOOZE_LABELS[by],
      value: { r: action.reminderId, s: by },
    }));
  const a11y = options.about
    ? { accessibility_label: truncate(oneLine(`${label}: ${options.about}`), LIMITS.buttonText) }
    : {};
  if (action.kind === 'event-page') {
    const url = safeHttpUrl(action.url);
    if (!url || url.length > LIMITS.buttonUrl) return undefined;
    return { type: 'button', text: plain(label, LIMITS.buttonText), action_id: actionId, url, ...a11y };
  }
  const value = encodeActionValue(actionValue(action));
  if (value === undefined) return undefined;
  const style =
    action.kind === 'share-post' || (action.kind === 'remind' && place === 'card')
      ? 'primary'
      : action.kind === 'cancel-reminder' || action.kind === 'stop-digest'
        ? 'danger'
        : undefined;
  const confirm =
    action.kind === 'cancel-reminder'
      ? cancelConfirm(options.about)
      : action.kind === 'stop-digest'
        ? stopConfirm(options.about)
        : undefined;
  return button(label, actionId, value, { style, about: options.about, ...(confirm ? { confirm } : {}) });
}

/**
 * A button: label cut to Slack's 75 characters, and `about` (an event's title) as its accessibility
 * label, so a screen reader can tell repeated buttons apart.
 */
export function button(
  label: string,
  actionId: string,
  value: string,
  options: { style?: 'primary' | 'danger'; about?: string; confirm?: ConfirmationDialog } = {},
): Button {
  return {
    type: 'button',
    text: plain(label, LIMITS.buttonText),
    action_id: actionId,
    value,
    ...(options.style ? { style: options.style } : {}),
    ...(options.confirm ? { confirm: options.confirm } : {}),
    ...(options.about
      ? { accessibility_label: truncate(oneLine(`${label}: ${options.about}`), LIMITS.buttonText) }
      : {}),
  };
}

/** Cancelling a reminder cannot be undone, so Slack asks first. */
function cancelConfirm(about?: string): ConfirmationDialog {
  return {
    title: plain('Cancel this reminder?', 100),
    text: plain(about ? `You will not be reminded about ${about}.` : 'You will not be reminded.', 300),
    confirm: plain('Cancel reminder', 30),
    deny: plain('Keep it', 30),
    style: 'danger',
  };
}

/** Stopping a digest cannot be undone (only subscribing again brings it back), so Slack asks first. */
function stopConfirm(about?: string): ConfirmationDialog {
  return {
    title: plain('Stop this digest?', 100),
    text: plain(
      about
        ? `This channel will no longer get the digest of ${about}.`
        : 'This channel will no longer get it.',
      300,
    ),
    confirm: plain('Stop digest', 30),
    deny: plain('Keep it', 30),
    style: 'danger',
  };
}

/** An http(s) URL for a link button, or undefined. */
function safeHttpUrl(raw: string): string | undefined {
  try {
    const url = new URL(raw.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A menu of presets whose options each carry a small JSON value ("Remind me…" `{"e","w"}`, "Snooze…"
 * `{"r","s"}`). Option values are capped at 150 characters, so an event with a very long id gets
 * undefined here (and "Remind me" a plain button instead, the default time).
 */
function presetSelect<P extends string>(
  actionId: string,
  placeholder: string,
  choices: readonly P[],
  option: (preset: P) => { label: string; value: ActionValue },
): ActionsBlockElement | undefined {
  const options: PlainTextOption[] = [];
  for (const preset of choices) {
    const { label, value } = option(preset);
    const encoded = encodeActionValue(value, LIMITS.optionValue);
    if (encoded === undefined) return undefined;
    options.push({ text: plain(label, LIMITS.optionText), value: encoded });
  }
  return {
    type: 'static_select',
    action_id: actionId,
    placeholder: plain(placeholder, LIMITS.placeholder),
    options,
  };
}

/** Previous and Next in one row; indexed ids, as Slack wants action ids unique within a block. */
export function pagerRow(pager: ReplyAction[]): ActionsBlock | undefined {
  return actions(
    pager.map((a, i) => actionElement(a, { index: i })),
    SlackIds.blocks.pager,
  );
}

/** The first action as a section accessory (buttons only; a menu needs a row of its own). */
export function accessoryFor(actions: ReplyAction[], about: string): Partial<SectionBlock> {
  const first = actions[0];
  const element = first ? actionElement(first, { about }) : undefined;
  return element && element.type === 'button' ? { accessory: element } : {};
}
