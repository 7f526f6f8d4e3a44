import { parseQuery } from '../src/core/search/query-parser.js';
import { searchEvents } from '../src/core/search/search-events.js';
import { migrate, openDatabase } from '../src/storage/database.js';
import { EventStore } from '../src/storage/event-repository.js';
import { SqliteSearchIndex } from '../src/storage/search/search-index.js';
import { BENCH_NOW, databaseFile } from './archive.js';

/** Child process: open the database and answer one typo'd query, then exit; the parent times the whole run. */
const db = openDatabase(databaseFile(Number(process.argv[2])));
migrate(db);
const index = new SqliteSearchIndex(db, new EventStore(db, 'UTC'));
const hits = searchEvents(parseQuery('peacekeepng mali', BENCH_NOW, 'UTC'), index, {
  limit: 5,
  nowMs: BENCH_NOW.getTime(),
}).hits;
process.stdout.write(JSON.stringify({ hits: hits.length }));
db.close();
