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

async function buildServer() {
  const result = await build({
    entryPoints: [join(root, 'src/gas/index.ts')],
    bundle: true,
    format: 'iife',
    globalName: GLOBAL,
    target: 'es2020',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    minify: true,
    legalComments: 'none',
    write: false,
  });
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

/** One sidebar per language, each carrying that language's dictionary only. Returns the English one. */
async function buildSidebar() {
  const styles = readFileSync(join(root, 'sidebar/styles.css'), 'utf8');
  const page = readFileSync(join(root, 'sidebar/index.html'), 'utf8');
  let english = '';
  for (const language of SIDEBAR_LANGUAGES) {
    const result = await build({
      entryPoints: [join(root, 'sidebar/main.ts')],
      bundle: true,
      format: 'iife',
      target: 'es2019',
      platform: 'browser',
      minify: true,
      legalComments: 'none',
      write: false,
      plugins: [oneLanguage(language)],
    });
    // A literal "</script" inside the inlined script would end the tag early.
    const script = result.outputFiles[0].text.replace(/<\/script/gi, '<\\/script');
    const html = page.replace('/*STYLES*/', () => styles).replace('/*SCRIPT*/', () => script).replace('<html lang="en">', `<html lang="${language}">`);
    writeFileSync(join(dist, `${sidebarFile(language)}.html`), html);
    if (language === 'en') english = html;
  }
  return english;
}

/** The sidebar's dictionary is `language`'s (sidebar/built-language.ts replaced), and src/core/i18n,
 *  which holds all four, is sidebar/dictionaries.ts in the sidebar. */
function oneLanguage(language) {
  const i18n = join(root, 'src/core/i18n');
  return {
    name: 'one-language',
    setup(b) {
      b.onResolve({ filter: /built-language$/ }, () => ({ path: language, namespace: 'built-language' }));
      b.onLoad({ filter: /.*/, namespace: 'built-language' }, (args) => ({
        contents: `import { ${args.path} } from ${JSON.stringify(join(i18n, args.path))};\nexport const BUILT = ${JSON.stringify(args.path)};\nexport const builtMessages = ${args.path};\n`,
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
