/** Jest runs the TypeScript sources through esbuild (see test/esbuild-transform.js): fast, and free of
 *  ts-jest's TypeScript version pin. Type checking is a separate step (`npm run typecheck`). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  setupFiles: ['<rootDir>/test/support/cache-dir.ts'],
  transform: { '\\.(tsx?|html)$': '<rootDir>/test/esbuild-transform.js' },
  // Headroom for a loaded 2-core machine: the browser tests wait for what the page shows, never for a
  // fixed time, so a slow run is slow, not failed.
  testTimeout: 120000,
};
