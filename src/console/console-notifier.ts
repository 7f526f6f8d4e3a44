import type { Notifier } from '../core/ports/notifier.js';
import { renderForConsole } from './render.js';

/**
 * The Notifier of the local console: a due reminder (or a digest, or a notice) is printed as it would
 * arrive in Slack, framed so it stands out from the answer being typed. It cannot look messages up, so
 * the dispatcher never prints a reminder in doubt twice.
 */
export function createConsoleNotifier(
  write: (text: string) => void,
  options: { color?: boolean; zone?: string } = {},
): Notifier {
  let sequence = 0;
  return {
    async post(message) {
      const { text } = renderForConsole(message.reply, options);
      const to =
        message.to.kind === 'user' ? `DM to ${message.to.userId}` : `post in ${message.to.channelId}`;
      write(`\n┌── ${to} ──\n${text}\n└──\n`);
      sequence += 1;
      return {
        ok: true,
        ts: `console.${sequence}`,
        channelId: message.to.kind === 'user' ? 'console' : message.to.channelId,
      };
    },
  };
}
