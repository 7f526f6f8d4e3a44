import { escapeTruncate, oneLine } from './mrkdwn.js';

const USER_ID = /^[UW][A-Z0-9]{2,20}$/;

/**
 * `<@U…>`, which Slack shows as the person's current name, for a real user id only; anything else is
 * shown as escaped text, so no stored value can become a mention of `@channel` or a link.
 */
export function userMention(userId: string, fallback = 'someone'): string {
  return USER_ID.test(userId) ? `<@${userId}>` : escapeTruncate(oneLine(userId), 100) || fallback;
}
