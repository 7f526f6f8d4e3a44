/**
 * Packages a fresh process must not load at start: the parsers run only for an archive file that changed,
 * chrono-node only for a query with a date word, the Slack door only with Slack credentials, pg only with
 * `DATABASE_URL`. Checked on the sources (start-imports.test.ts) and on the bundle (tests/build/).
 */
export const LOADED_ONLY_WHEN_NEEDED = [
  'ical.js',
  'parse5',
  'csv-parse',
  'gray-matter',
  'yaml',
  'chrono-node',
  '@slack/bolt',
  'pg',
];
