/** Jest runs the TypeScript sources through esbuild (see test/esbuild-transform.js): fast, and free of
 *  ts-jest's TypeScript version pin. Type checking is a separate step (`npm run typecheck`).
 *
 *  Two projects: every suite as it is (the spreadsheet), and the suites in SHARED again with the CRM's
 *  big tables in PostgreSQL (CRM_TEST_BACKEND=postgres): the same behaviour asserted on both backends.
 *  The global setup starts a throw-away PostgreSQL cluster (scripts/postgres-cluster.mjs) unless
 *  CRM_TEST_DATABASE_URL names a server. */
const SHARED = require('./test/postgres-suites.json');

const common = {
  testEnvironment: 'node',
  // The sidebar's component tests run in jsdom (`@jest-environment jsdom`): there too, libraries are
  // taken as Node takes them (Preact's CommonJS build), not as a browser bundler would.
  testEnvironmentOptions: { customExportConditions: ['node', 'node-addons'] },
  roots: ['<rootDir>/test'],
  transform: { '\\.(tsx?|html)$': '<rootDir>/test/esbuild-transform.js' },
};

module.exports = {
  globalSetup: '<rootDir>/test/support/postgres-setup.ts',
  globalTeardown: '<rootDir>/test/support/postgres-teardown.ts',
  // Headroom for a loaded 2-core machine: the browser tests wait for what the page shows, never for a
  // fixed time, so a slow run is slow, not failed.
  testTimeout: 120000,
  // Two suites at a time, even on two cores (Jest's default there is one): much of a suite's time is
  // spent waiting on Chromium, PostgreSQL or a CLI process, so the whole run took 434 s instead of 694.
  maxWorkers: 2,
  projects: [
    { ...common, displayName: 'sheets', testMatch: ['**/*.test.ts', '**/*.test.tsx'], setupFiles: ['<rootDir>/test/support/cache-dir.ts'] },
    {
      ...common,
      displayName: 'postgres',
      testMatch: SHARED.map((suite) => `<rootDir>/test/${suite}`),
      setupFiles: ['<rootDir>/test/support/cache-dir.ts', '<rootDir>/test/support/on-postgres.ts'],
    },
  ],
};
