import type { CustomRoute } from '@slack/bolt';
import type { ParamsIncomingMessage } from '@slack/bolt/dist/receivers/ParamsIncomingMessage.js';
import { eventIcs } from '../core/reminders/calendar-file.js';
import type { SlackServices } from './services.js';

/** Where .ics downloads are served; `calendarFileUrl` in core builds the same shape. */
const CALENDAR_PATH = '/calendar/:id/:file';

/**
 * GET /calendar/<id>/<name>.ics: the event as an iCalendar file (written with ical.js by `eventIcs`),
 * so "Add to calendar" works in any calendar app. Only events in the archive are served; anything else
 * is a 404. Calendar apps fetch it without Slack's signature, so it serves nothing that is not public in
 * the archive already.
 */
export function calendarRoute(services: SlackServices): CustomRoute {
  return {
    path: CALENDAR_PATH,
    method: ['GET'],
    handler: (req, res) => {
      const params = (req as ParamsIncomingMessage).params ?? {};
      const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';
      const file = one(params.file);
      let event: ReturnType<SlackServices['commands']['index']['events']>[number] | undefined;
      try {
        const id = decodeURIComponent(one(params.id));
        event = file.endsWith('.ics') ? services.commands.index.events([id])[0] : undefined;
      } catch {
        event = undefined;
      }
      if (!event) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('No such event.\n');
        return;
      }
      const body = eventIcs(event, services.commands.clock.now().getTime(), services.commands.zone);
      res.writeHead(200, {
        'content-type': 'text/calendar; charset=utf-8',
        'content-disposition': `attachment; filename="${file.replace(/[^A-Za-z0-9._-]/g, '')}"`,
        'cache-control': 'public, max-age=300',
      });
      res.end(body);
    },
  };
}
