import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // A throwaway PostgreSQL server for the tests of the shared store (or TEST_DATABASE_URL's).
    globalSetup: ['tests/helpers/postgres-server.ts'],
  },
});
