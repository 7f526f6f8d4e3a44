import type { FeedCopies, FeedCopy } from '../archive/feeds/feed-sync.js';
import type { Db } from './database.js';

interface Row {
  name: string;
  body: Buffer;
  etag: string | null;
  last_modified: string | null;
  fetched_ms: number;
}

/** Each feed's last good copy in the archive database, beside the events it produced. */
export class SqliteFeedCopies implements FeedCopies {
  private readonly statements;

  constructor(db: Db) {
    this.statements = {
      get: db.prepare<[string], Row>('SELECT * FROM feed_copies WHERE name = ?'),
      put: db.prepare(
        `INSERT INTO feed_copies (name, body, etag, last_modified, fetched_ms) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET body = excluded.body, etag = excluded.etag,
           last_modified = excluded.last_modified, fetched_ms = excluded.fetched_ms`,
      ),
    };
  }

  get(name: string): FeedCopy | undefined {
    const row = this.statements.get.get(name);
    return (
      row && {
        name: row.name,
        body: row.body,
        fetchedMs: row.fetched_ms,
        ...(row.etag ? { etag: row.etag } : {}),
        ...(row.last_modified ? { lastModified: row.last_modified } : {}),
      }
    );
  }

  put(copy: FeedCopy): void {
    this.statements.put.run(
      copy.name,
      copy.body,
      copy.etag ?? null,
      copy.lastModified ?? null,
      copy.fetchedMs,
    );
  }
}
