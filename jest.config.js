/** Jest runs the TypeScript sources through esbuild (see test/esbuild-transform.js): fast, and free of
 *  ts-jest's TypeScript version pin. Type checking is a separate step (`npm run typecheck`). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '\\.(ts|html)$': '<rootDir>/test/esbuild-transform.js' },
  testTimeout: 30000,
};
