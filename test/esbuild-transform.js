// A minimal Jest transform: esbuild strips the types and emits CommonJS with inline source maps.
const { transformSync } = require('esbuild');

module.exports = {
  process(source, filename) {
    // HTML files are imported as text, as the build does.
    if (filename.endsWith('.html')) return { code: `module.exports = ${JSON.stringify(source)};` };
    const out = transformSync(source, {
      loader: filename.endsWith('.tsx') ? 'tsx' : 'ts',
      jsx: 'automatic',
      jsxImportSource: 'preact',
      format: 'cjs',
      target: 'node20',
      sourcemap: 'inline',
      sourcefile: filename,
    });
    return { code: out.code };
  },
};
