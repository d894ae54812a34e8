// Builds everything: dist/ (what clasp pushes to Google) and build/node/ (the local runtime and CLI).
//   dist/Code.js          the server bundle: one IIFE, then one top-level function per export
//   dist/appsscript.json  the manifest
//   dist/Sidebar.html     the sidebar, script and styles inlined (HtmlService serves one file)
import { build } from 'esbuild';
import { readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
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

async function buildSidebar() {
  const result = await build({
    entryPoints: [join(root, 'sidebar/main.ts')],
    bundle: true,
    format: 'iife',
    target: 'es2019',
    platform: 'browser',
    minify: true,
    legalComments: 'none',
    write: false,
  });
  // A literal "</script" inside the inlined script would end the tag early.
  const script = result.outputFiles[0].text.replace(/<\/script/gi, '<\\/script');
  const styles = readFileSync(join(root, 'sidebar/styles.css'), 'utf8');
  const html = readFileSync(join(root, 'sidebar/index.html'), 'utf8')
    .replace('/*STYLES*/', () => styles)
    .replace('/*SCRIPT*/', () => script);
  writeFileSync(join(dist, 'Sidebar.html'), html);
  return html;
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
