import type { Db } from './database.js';
import { packText } from './event-text.js';
import { urlKey } from './url-key.js';

/** SQL functions the migrations call for what SQLite cannot compute itself (017: compression, url hashes). */
export function registerMigrationFunctions(db: Db): void {
  db.function('event_text_pack', { deterministic: true }, (summary, body, themeSummaries, roles) =>
    packText({
      summary: String(summary ?? ''),
      body: String(body ?? ''),
      themeSummaries: JSON.parse(String(themeSummaries ?? '[]')) as string[],
      roles: JSON.parse(String(roles ?? '[]')) as string[],
    }),
  );
  db.function('url_key', { deterministic: true }, (url) => urlKey(typeof url === 'string' ? url : null));
}
