// Builds everything: dist/ (what clasp pushes to Google) and build/node/ (the local runtime and CLI).
//   dist/Code.js          the server bundle: one IIFE, then one top-level function per export
//   dist/appsscript.json  the manifest
//   dist/Sidebar.html     the sidebar in English, script and styles inlined (HtmlService serves one file);
//   dist/Sidebar_fr.html  …_es, _pt: the same in each other language (a sidebar carries one language)
import { build } from 'esbuild';
import { readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { manifestFor } from './manifest.mjs';

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

/** Features whose code is a project file of its own (dist/feature_*.html), run by the first call that
 *  needs it: every other call parses a smaller script. In the script, each of their modules is a stub
 *  that knows what the module exports (its actions' roles and names, its constants) and reads the
 *  project file when one of its functions is called. The project file shares a few modules with the
 *  script (src/gas/shared-modules.ts) and carries its own copy of the rest. */
const FEATURES = [
  { file: 'feature_imports', modules: ['src/api/import-actions.ts'] },
  { file: 'feature_intake', modules: ['src/api/intake-actions.ts', 'src/services/intake/index.ts'] },
  { file: 'feature_mail', modules: ['src/api/mail-actions.ts', 'src/services/mail/index.ts'] },
  { file: 'feature_sync', modules: ['src/api/sync-actions.ts'] },
  // Finding duplicates (blocking, scoring, the pairs kept): read by the Duplicates tab's calls only.
  { file: 'feature_dedupe', modules: ['src/services/dedupe/duplicates.ts'] },
  // The database's migrations (SQL text), the move of the sheets into it and the query language as
  // SQL: read when a database is connected or set up, never by the calls of a spreadsheet-only CRM.
  {
    file: 'feature_database',
    modules: [
      'src/store/sql/migrate.ts',
      'src/services/database/move-to-database.ts',
      'src/services/query/query-sql.ts',
      'src/services/search/search-sql.ts',
      'src/services/dashboard/dashboard-sql.ts',
      'src/services/dashboard/scores-in-database.ts',
      'src/services/nightly/statuses-sql.ts',
    ],
  },
];

/** What a feature module exports, as a stub in the script: constants as they are, functions and the
 *  parts of actions that run (input, run, a computed audit name) forwarded to the project file. */
function stubOf(file, module, exports) {
  const reach = (path) => `feature()${path.map((p) => `[${JSON.stringify(p)}]`).join('')}`;
  const forward = (path) => `(...a) => ${reach(path)}(...a)`;
  const isAction = (v) => v && typeof v === 'object' && typeof v.run === 'function';
  const value = (v, path) => {
    if (typeof v === 'function') return forward(path);
    if (isAction(v)) {
      const parts = Object.entries(v).map(([k, x]) => {
        if (k === 'input') return `input: () => { const i = ${reach([...path, 'input'])}; return typeof i === 'function' ? i() : i; }`;
        return `${JSON.stringify(k)}: ${typeof x === 'function' ? forward([...path, k]) : JSON.stringify(x)}`;
      });
      return `{ ${parts.join(', ')} }`;
    }
    if (v && typeof v === 'object' && !Array.isArray(v) && Object.values(v).some(isAction))
      return `{ ${Object.entries(v)
        .map(([k, x]) => `${JSON.stringify(k)}: ${value(x, [...path, k])}`)
        .join(',\n')} }`;
    return JSON.stringify(v);
  };
  const assets = JSON.stringify(join(root, 'src/core/assets'));
  const body = Object.entries(exports).map(([name, v]) => `exports[${JSON.stringify(name)}] = ${value(v, [name])};`);
  return `const { codeAsset } = require(${assets});\nconst feature = () => codeAsset(${JSON.stringify(file)})[${JSON.stringify(module)}];\n${body.join('\n')}\n`;
}

/** In the script: each feature module replaced by its stub. */
async function featureStubs() {
  const stubs = new Map();
  for (const feature of FEATURES)
    for (const module of feature.modules) stubs.set(join(root, module), stubOf(feature.file, module, await valueOf(`module.exports = require(${JSON.stringify(join(root, module))});\n`)));
  return {
    name: 'feature-stubs',
    setup(b) {
      b.onResolve({ filter: /^\./ }, async (args) => {
        if (args.pluginData === 'feature-stubs') return undefined;
        const found = await b.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, importer: args.importer, pluginData: 'feature-stubs' });
        return stubs.has(found.path) ? { path: found.path, namespace: 'feature-stub' } : undefined;
      });
      b.onLoad({ filter: /.*/, namespace: 'feature-stub' }, (args) => ({ contents: stubs.get(args.path), resolveDir: root, loader: 'js' }));
    },
  };
}

/** In a feature's project file: every module of ours the script has too is the script's own (one copy,
 *  one state: the refusals it recognises by class, the project files it read), found in the registry
 *  the script fills (src/gas/shared-modules.ts). `shared`: paths relative to the project. */
function sharedModules(shared) {
  return {
    name: 'shared-modules',
    setup(b) {
      b.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData === 'shared-modules' || args.kind === 'entry-point') return undefined;
        const found = await b.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, importer: args.importer, pluginData: 'shared-modules' });
        const key = relative(root, found.path);
        return shared.has(key) ? { path: key, namespace: 'shared-module' } : undefined;
      });
      b.onLoad({ filter: /.*/, namespace: 'shared-module' }, (args) => ({ contents: `module.exports = globalThis.__crmShared[${JSON.stringify(args.path)}];\n`, loader: 'js' }));
    },
  };
}

/** In the script: the registry of what the features share (src/gas/shared-modules.ts, generated). */
function sharedRegistry(shared) {
  return {
    name: 'shared-registry',
    setup(b) {
      b.onResolve({ filter: /shared-modules$/ }, (args) => (args.importer === join(root, 'src/gas/index.ts') ? { path: 'registry', namespace: 'shared-registry' } : undefined));
      b.onLoad({ filter: /.*/, namespace: 'shared-registry' }, () => {
        const keys = [...shared].sort();
        const imports = keys.map((key, i) => `import * as m${i} from ${JSON.stringify(join(root, key))};`).join('\n');
        const entries = keys.map((key, i) => `${JSON.stringify(key)}: m${i}`).join(',\n');
        return { contents: `${imports}\nexport const SHARED_GLOBAL = '__crmShared';\nexport const SHARED_MODULES = {\n${entries}\n};\n`, resolveDir: root, loader: 'js' };
      });
    },
  };
}

const featureEntry = (feature) => feature.modules.map((m) => `exports[${JSON.stringify(m)}] = require(${JSON.stringify(join(root, m))});`).join('\n');

/** Our own modules a build carries code of (paths relative to the project), from its metafile. A
 *  library's files are not shared: exposing one would keep all of it in the script (zod's locales…);
 *  a feature carries what it uses of them. */
const modulesOf = (result) =>
  new Set(
    Object.entries(Object.values(result.metafile.outputs)[0].inputs)
      .filter(([k, v]) => k.startsWith('src/') && v.bytesInOutput > 0)
      .map(([k]) => k),
  );

/** The script and the features' project files. The script is built once to learn its modules, the
 *  features once to learn theirs; what both have is shared (the script registers it, the features
 *  use it), and both are built again so. */
async function buildScriptAndFeatures(stubs) {
  const script = (plugins) =>
    build({ ...SERVER_BUILD, metafile: true, plugins: [stubs, ...plugins, lazyDictionaries()], entryPoints: [join(root, 'src/gas/index.ts')], format: 'iife', globalName: GLOBAL });
  const featureBuild = (feature, plugins) =>
    build({ ...SERVER_BUILD, metafile: true, stdin: { contents: featureEntry(feature), resolveDir: root, loader: 'js' }, format: 'cjs', plugins: [...plugins, lazyDictionaries()] });
  const inScript = modulesOf(await script([sharedRegistry(new Set())]));
  const shared = new Set();
  for (const feature of FEATURES) for (const m of modulesOf(await featureBuild(feature, []))) if (inScript.has(m)) shared.add(m);
  for (const feature of FEATURES) {
    const result = await featureBuild(feature, [sharedModules(shared)]);
    writeFileSync(join(dist, `${feature.file}.html`), result.outputFiles[0].text);
  }
  return script([sharedRegistry(shared)]);
}

async function buildServer() {
  await writeAssets();
  const result = await buildScriptAndFeatures(await featureStubs());
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
 *  people expect it; the build copies it into dist/, which is what clasp pushes. `--intake` writes the
 *  intake web app's instead (scripts/manifest.mjs). */
function manifest() {
  return manifestFor(JSON.parse(readFileSync(join(root, 'appsscript.json'), 'utf8')), process.argv.includes('--intake') ? 'intake' : 'staff');
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

/** The sidebar's parts (src/core/i18n/sidebar-file.ts, sidebar/parts.ts): the tabs whose code a page
 *  asks for when they are first shown. Each is the view of its name (sidebar/views/<part>), written to
 *  the project file the server sends (sidebarPartFile: dist/sidebar_<part>.html). */
const sidebarParts = () => valueOf(`module.exports = require(${JSON.stringify(join(root, 'src/core/i18n/sidebar-file'))});\n`);

/** How the sidebar's code is bundled: the page's script and its parts. */
const SIDEBAR_BUILD = {
  bundle: true,
  // Views written as components: Preact's JSX (sidebar/components), as calls of Preact's h.
  jsx: 'transform',
  jsxFactory: 'h',
  jsxFragment: 'Fragment',
  inject: [join(root, 'sidebar/jsx-shim.ts')],
  format: 'iife',
  target: 'es2019',
  platform: 'browser',
  minify: true,
  legalComments: 'none',
  write: false,
  metafile: true,
};

/** The modules of ours and of Preact a sidebar build carries code of (paths relative to the project).
 *  Preact is shared whole: one copy, one set of hooks for the page and its parts. */
const sidebarModulesOf = (result) =>
  new Set(
    Object.entries(Object.values(result.metafile.outputs)[0].inputs)
      .filter(([k, v]) => (k.startsWith('sidebar/') || k.startsWith('src/') || k.startsWith('node_modules/preact/')) && v.bytesInOutput > 0)
      .map(([k]) => k),
  );

/** The page's script (sidebar/main.ts) in `language`, filling the registry of `shared` modules. */
const sidebarPage = async (language, shared) =>
  build({ ...SIDEBAR_BUILD, entryPoints: [join(root, 'sidebar/main.ts')], plugins: [oneLanguage(language, await sidebarWords(language)), sidebarRegistry(shared)] });

/** A part: its view module, registered under its name, with the `shared` modules taken from the page. */
const sidebarPart = async (name, shared) =>
  build({
    ...SIDEBAR_BUILD,
    stdin: {
      contents: `import * as part from ${JSON.stringify(join(root, 'sidebar/views', name))};\n(globalThis.__crmParts || (globalThis.__crmParts = {}))[${JSON.stringify(name)}] = part;\n`,
      resolveDir: root,
      loader: 'js',
    },
    // The words are the page's (sidebar/dictionaries.ts is shared): English only stands in while learning.
    plugins: [pageModules(shared), oneLanguage('en', await sidebarWords('en'))],
  });

/** One sidebar per language, each carrying that language's dictionary only, and the parts, which are
 *  the same in every language. The page is built once to learn its modules, the parts once to learn
 *  theirs; what both have is the page's (the registry), and both are built again so. Returns the
 *  English page. */
async function buildSidebar() {
  const styles = (await build({ entryPoints: [join(root, 'sidebar/styles.css')], minify: true, write: false, logLevel: 'error' })).outputFiles[0].text;
  const page = readFileSync(join(root, 'sidebar/index.html'), 'utf8');
  const { SIDEBAR_PARTS, sidebarPartFile } = await sidebarParts();
  const inPage = sidebarModulesOf(await sidebarPage('en', new Set()));
  const shared = new Set();
  for (const name of SIDEBAR_PARTS) for (const m of sidebarModulesOf(await sidebarPart(name, new Set()))) if (inPage.has(m)) shared.add(m);
  for (const name of SIDEBAR_PARTS) {
    const result = await sidebarPart(name, shared);
    const inputs = Object.keys(Object.values(result.metafile.outputs)[0].inputs);
    // A part never carries words: they are the page's.
    if (inputs.some((k) => k.startsWith('built-language:'))) throw new Error(`The sidebar's ${name} part carries a dictionary`);
    writeFileSync(join(dist, `${sidebarPartFile(name)}.html`), result.outputFiles[0].text);
  }
  let english = '';
  for (const language of SIDEBAR_LANGUAGES) {
    const result = await sidebarPage(language, shared);
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

/** In the page: the registry of the modules its parts share (sidebar/shared-modules.ts, generated). */
function sidebarRegistry(shared) {
  return {
    name: 'sidebar-registry',
    setup(b) {
      b.onResolve({ filter: /shared-modules$/ }, (args) => (args.importer === join(root, 'sidebar/main.ts') ? { path: 'registry', namespace: 'sidebar-registry' } : undefined));
      b.onLoad({ filter: /.*/, namespace: 'sidebar-registry' }, () => {
        const keys = [...shared].sort();
        const imports = keys.map((key, i) => `import * as m${i} from ${JSON.stringify(join(root, key))};`).join('\n');
        const entries = keys.map((key, i) => `${JSON.stringify(key)}: m${i}`).join(',\n');
        return { contents: `${imports}\nglobalThis.__crmSidebar = {\n${entries}\n};\n`, resolveDir: root, loader: 'js' };
      });
    },
  };
}

/** In a part: every module the page has too is the page's own (one Preact, one language, one undo
 *  line), found in the registry the page fills. */
function pageModules(shared) {
  return {
    name: 'page-modules',
    setup(b) {
      b.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData === 'page-modules' || args.kind === 'entry-point') return undefined;
        const found = await b.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, importer: args.importer, pluginData: 'page-modules' });
        if (found.errors.length || !found.path) return undefined;
        const key = relative(root, found.path);
        return shared.has(key) ? { path: key, namespace: 'page-module' } : { path: found.path, namespace: found.namespace, pluginData: found.pluginData };
      });
      b.onLoad({ filter: /.*/, namespace: 'page-module' }, (args) => ({ contents: `module.exports = globalThis.__crmSidebar[${JSON.stringify(args.path)}];\n`, loader: 'js' }));
    },
  };
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
    entryPoints: {
      cli: join(root, 'src/node/cli.ts'),
      bench: join(root, 'scripts/bench.ts'),
      'fold-worker': join(root, 'src/node/fold-worker.ts'),
      'threads-worker': join(root, 'src/node/threads-worker.ts'),
    },
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
