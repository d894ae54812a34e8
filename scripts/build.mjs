// Builds everything: dist/ (what clasp pushes to Google) and build/node/ (the local runtime and CLI).
//   dist/Code.js          the server bundle: one IIFE, then one top-level function per export
//   dist/appsscript.json  the manifest
//   dist/Sidebar.html     the sidebar in English, script and styles inlined (HtmlService serves one file);
//   dist/Sidebar_fr.html  …_es, _pt: the same in each other language (a sidebar carries one language)
import { build } from 'esbuild';
import { readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const GLOBAL = 'CRM';

export async function buildAll() {
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
  const code = await buildServer();
  writeFileSync(join(dist, 'appsscript.json'), JSON.stringify(manifest(), null, 2) + '\n');
  const sidebar = await buildSidebar();
  await buildNode();
  return { codeBytes: Buffer.byteLength(code), sidebarBytes: Buffer.byteLength(sidebar) };
}

/** The dictionaries, out of the server bundle: each one a project file of JSON (dist/i18n_fr.html…),
 *  read on first use (src/core/i18n/lazy.ts). A call parses the code it runs, not four languages. */
function lazyDictionaries() {
  const i18n = join(root, 'src/core/i18n');
  return {
    name: 'lazy-dictionaries',
    setup(b) {
      b.onResolve({ filter: /^\.\/(en|fr|es|pt)$/ }, (args) =>
        resolve(args.resolveDir) === i18n && args.importer === join(i18n, 'index.ts') ? { path: args.path.slice(2), namespace: 'lazy-dictionary' } : undefined,
      );
      b.onLoad({ filter: /.*/, namespace: 'lazy-dictionary' }, (args) => ({
        contents: `import { lazyMessages } from ${JSON.stringify(join(i18n, 'lazy'))};\nexport const ${args.path} = lazyMessages(${JSON.stringify(args.path)});\n`,
        resolveDir: root,
        loader: 'ts',
      }));
      // Import's libraries: run from their project file on the first import that needs them.
      b.onResolve({ filter: /^(fflate|papaparse\/papaparse\.min\.js)$/ }, (args) => ({ path: args.path, namespace: 'lazy-library' }));
      b.onLoad({ filter: /.*/, namespace: 'lazy-library' }, (args) => ({
        contents:
          args.path === 'fflate'
            ? `const { codeAsset } = require(${JSON.stringify(join(root, 'src/core/assets'))});\nmodule.exports = codeAsset('lib_fflate');\n`
            : `const { codeAsset } = require(${JSON.stringify(join(root, 'src/core/assets'))});\nconst papa = () => codeAsset('lib_papaparse');\nmodule.exports = { parse: (...a) => papa().parse(...a), unparse: (...a) => papa().unparse(...a) };\n`,
        resolveDir: root,
        loader: 'js',
      }));
      // The names import recognises in headers: read by the first import.
      b.onResolve({ filter: /^\.\/header-names$/ }, (args) => (args.importer === join(root, 'src/core/import/headers.ts') ? { path: 'names', namespace: 'lazy-header-names' } : undefined));
      b.onLoad({ filter: /.*/, namespace: 'lazy-header-names' }, () => ({
        contents: `import { jsonAsset } from ${JSON.stringify(join(root, 'src/core/assets'))};\nexport const headerNames = () => jsonAsset('import_header_names');\n`,
        resolveDir: root,
        loader: 'ts',
      }));
      // The phone numbering plans and libphonenumber's code too: read on the first phone a call meets.
      b.onResolve({ filter: /^libphonenumber-js\/core$/ }, (args) => (args.importer === join(root, 'src/core/phone.ts') ? { path: 'phone', namespace: 'lazy-phone-code' } : undefined));
      b.onLoad({ filter: /.*/, namespace: 'lazy-phone-code' }, () => ({
        contents: `const { codeAsset } = require(${JSON.stringify(join(root, 'src/core/assets'))});\nconst phone = () => codeAsset('lib_libphonenumber');\nmodule.exports = { isSupportedCountry: (...a) => phone().isSupportedCountry(...a), parsePhoneNumberFromString: (...a) => phone().parsePhoneNumberFromString(...a) };\n`,
        resolveDir: root,
        loader: 'js',
      }));
      b.onResolve({ filter: /^\.\/phone-metadata$/ }, (args) => (args.importer === join(root, 'src/core/phone.ts') ? { path: 'phone', namespace: 'lazy-phone' } : undefined));
      b.onLoad({ filter: /.*/, namespace: 'lazy-phone' }, () => ({
        contents: `import { jsonAsset } from ${JSON.stringify(join(root, 'src/core/assets'))};\nexport const phoneMetadata = () => jsonAsset('phone_metadata');\n`,
        resolveDir: root,
        loader: 'ts',
      }));
    },
  };
}

/** What a module of ours holds, worked out at build time: `source` is TypeScript that sets
 *  `module.exports`, bundled for Node and run in a sandbox. */
async function valueOf(source) {
  const result = await build({ stdin: { contents: source, resolveDir: root, loader: 'ts' }, bundle: true, format: 'cjs', platform: 'node', write: false });
  const sandbox = { module: { exports: {} } };
  vm.runInNewContext(result.outputFiles[0].text, sandbox);
  return sandbox.module.exports;
}

/** The project files the script reads on first use (src/core/assets.ts): each language's whole
 *  dictionary (the server's), the phone numbering plans, import's header names and its libraries. */
async function writeAssets() {
  for (const language of SIDEBAR_LANGUAGES) {
    const words = await valueOf(`import { ${language} } from ${JSON.stringify(join(root, 'src/core/i18n', language))};\nmodule.exports = ${language};\n`);
    writeFileSync(join(dist, `i18n_${language}.html`), JSON.stringify(words));
  }
  writeFileSync(join(dist, 'phone_metadata.html'), readFileSync(join(root, 'node_modules/libphonenumber-js/metadata.min.json'), 'utf8'));
  const names = await valueOf(`module.exports = require(${JSON.stringify(join(root, 'src/core/import/header-names'))}).headerNames();\n`);
  writeFileSync(join(dist, 'import_header_names.html'), JSON.stringify(names));
  // Each with only what our code calls of it (an ES module's unused exports are left out).
  for (const [name, entry] of [
    ['lib_fflate', `export { unzipSync, strFromU8 } from 'fflate';`],
    ['lib_papaparse', `module.exports = require('papaparse/papaparse.min.js');`],
    ['lib_libphonenumber', `export { isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js/core';`],
  ]) {
    // Bundled as the server bundle would have them, as CommonJS text.
    const result = await build({ ...SERVER_BUILD, stdin: { contents: entry, resolveDir: root, loader: 'js' }, format: 'cjs' });
    writeFileSync(join(dist, `${name}.html`), result.outputFiles[0].text);
  }
}

/** How server code is bundled for Apps Script: the script itself and the libraries it reads later. */
const SERVER_BUILD = { bundle: true, target: 'es2020', platform: 'neutral', mainFields: ['module', 'main'], minify: true, legalComments: 'none', write: false };

async function buildServer() {
  await writeAssets();
  const result = await build({ ...SERVER_BUILD, plugins: [lazyDictionaries()], entryPoints: [join(root, 'src/gas/index.ts')], format: 'iife', globalName: GLOBAL });
  let code = result.outputFiles[0].text;
  // Apps Script only sees top-level function declarations: list the bundle's exports by evaluating it
  // with no globals at all (which also proves its top level touches no Apps Script service).
  const exports = Object.keys(vm.runInNewContext(`${code};${GLOBAL}`, {}));
  const stubs = exports.map((name) => `function ${name}(a,b,c){return ${GLOBAL}.${name}(a,b,c);}`).join('\n');
  code = `${code}\n${stubs}\n`;
  writeFileSync(join(dist, 'Code.js'), code);
  return code;
}

/** The manifest lives at the project's top level (appsscript.json, beside .clasp.json) where clasp and
 *  people expect it; the build copies it into dist/, which is what clasp pushes. */
function manifest() {
  return JSON.parse(readFileSync(join(root, 'appsscript.json'), 'utf8'));
}

export const SIDEBAR_LANGUAGES = ['en', 'fr', 'es', 'pt'];

/** The file a language's sidebar is in: Sidebar (English) or Sidebar_fr… (src/core/i18n/sidebar-file.ts). */
const sidebarFile = (language) => (language === 'en' ? 'Sidebar' : `Sidebar_${language}`);

/** A language's words as a sidebar carries them (src/core/i18n/sidebar-file.ts), worked out here so
 *  that the sidebar holds them as one JSON literal, without the server's own messages. */
async function sidebarWords(language) {
  return valueOf(
    `import { ${language} } from ${JSON.stringify(join(root, 'src/core/i18n', language))};\nimport { sidebarDictionary } from ${JSON.stringify(join(root, 'src/core/i18n/sidebar-file'))};\nmodule.exports = sidebarDictionary(${language});\n`,
  );
}

/** One sidebar per language, each carrying that language's dictionary only. Returns the English one. */
async function buildSidebar() {
  const styles = (await build({ entryPoints: [join(root, 'sidebar/styles.css')], minify: true, write: false, logLevel: 'error' })).outputFiles[0].text;
  const page = readFileSync(join(root, 'sidebar/index.html'), 'utf8');
  let english = '';
  for (const language of SIDEBAR_LANGUAGES) {
    const result = await build({
      entryPoints: [join(root, 'sidebar/main.ts')],
      bundle: true,
      // Views written as components: Preact's JSX (sidebar/components).
      jsx: 'automatic',
      jsxImportSource: 'preact',
      format: 'iife',
      target: 'es2019',
      platform: 'browser',
      minify: true,
      legalComments: 'none',
      write: false,
      plugins: [oneLanguage(language, await sidebarWords(language))],
    });
    // A literal "</script" inside the inlined script would end the tag early.
    const script = result.outputFiles[0].text.replace(/<\/script/gi, '<\\/script');
    const html = page
      .replace('/*STYLES*/', () => styles)
      .replace('/*SCRIPT*/', () => script)
      .replace('<html lang="en">', `<html lang="${language}">`);
    writeFileSync(join(dist, `${sidebarFile(language)}.html`), html);
    if (language === 'en') english = html;
  }
  return english;
}

/** The sidebar's dictionary is `language`'s (sidebar/built-language.ts replaced), and src/core/i18n,
 *  which holds all four, is sidebar/dictionaries.ts in the sidebar. */
function oneLanguage(language, words) {
  const i18n = join(root, 'src/core/i18n');
  return {
    name: 'one-language',
    setup(b) {
      b.onResolve({ filter: /built-language$/ }, () => ({ path: language, namespace: 'built-language' }));
      b.onLoad({ filter: /.*/, namespace: 'built-language' }, (args) => ({
        contents: `export const BUILT = ${JSON.stringify(args.path)};\nexport const builtMessages = JSON.parse(${JSON.stringify(JSON.stringify(words))});\n`,
        resolveDir: root,
        loader: 'ts',
      }));
      b.onResolve({ filter: /i18n(\/index)?$/ }, (args) => {
        const target = resolve(args.resolveDir, args.path);
        return target === i18n || target === join(i18n, 'index') ? { path: join(root, 'sidebar/dictionaries.ts') } : undefined;
      });
    },
  };
}

async function buildNode() {
  await build({
    entryPoints: { cli: join(root, 'src/node/cli.ts'), bench: join(root, 'scripts/bench.ts'), 'fold-worker': join(root, 'src/node/fold-worker.ts') },
    outdir: join(root, 'build/node'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    loader: { '.html': 'text' },
    sourcemap: true,
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { codeBytes, sidebarBytes } = await buildAll();
  console.log(`built dist/Code.js (${(codeBytes / 1024).toFixed(1)} KB), dist/Sidebar.html (${(sidebarBytes / 1024).toFixed(1)} KB), build/node/`);
}
