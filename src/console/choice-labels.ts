import type { ReplyAction } from '../core/commands/reply.js';

/** What a numbered choice says for each action core offered; `about` names what it acts on. */
export function choiceLabel(action: ReplyAction, about?: string): string {
  switch (action.kind) {
    case 'open':
      return about === 'event' ? 'Open event' : `Open: ${about ?? action.eventId}`;
    case 'share':
      return about === 'card' || !about ? 'Share…' : `Share: ${about}`;
    case 'remind':
      return 'Remind me';
    case 'more-like':
      return 'More like this';
    case 'read-more':
      return 'Read more';
    case 'calendar':
      return 'Add to calendar';
    case 'event-page':
      return `Event page (${action.url})`;
    case 'share-post':
      return about ? `Post to ${about}` : 'Post it';
    case 'share-note':
      return 'Add a note';
    case 'share-cancel':
      return 'Cancel';
    case 'cancel-reminder':
      return about === 'this reminder' || !about ? 'Cancel this reminder' : `Cancel: ${about}`;
    case 'page':
      return action.direction === 'next' ? 'Next results' : 'Previous results';
    case 'suggest':
      return action.label ?? `Search: ${action.page.words}`;
    case 'theme':
      return `Theme: ${action.theme}`;
    case 'try':
      return `Try: ${action.command}`;
    case 'snooze-reminder':
      return `Snooze ${action.by === 'day' ? 'a day' : 'an hour'}: ${about ?? 'this reminder'}`;
    case 'pause-digest':
      return `Pause: ${about ?? 'this digest'}`;
    case 'resume-digest':
      return `Resume: ${about ?? 'this digest'}`;
    case 'stop-digest':
      return `Stop: ${about ?? 'this digest'}`;
    case 'edit':
      return 'Edit (in Slack)';
  }
}
