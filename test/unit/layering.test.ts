/** The layers hold: an import never points up a layer, Apps Script globals appear only in src/gas,
 *  Node's modules only in src/node (and the sidebar takes only types from the server's code). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** What each layer may import of our own code. */
const ALLOWED: Record<string, string[]> = {
  'src/core': ['src/core'],
  'src/ports': ['src/core', 'src/ports'],
  'src/store': ['src/core', 'src/ports', 'src/store'],
  'src/services': ['src/core', 'src/ports', 'src/store', 'src/services'],
  'src/api': ['src/core', 'src/ports', 'src/store', 'src/services', 'src/api'],
  'src/memory': ['src/core', 'src/ports', 'src/store', 'src/memory'],
  'src/gas': ['src/core', 'src/ports', 'src/store', 'src/services', 'src/api', 'src/gas'],
  'src/node': ['src/core', 'src/ports', 'src/store', 'src/services', 'src/api', 'src/memory', 'src/node'],
  sidebar: ['sidebar', 'src/core'],
};

const GAS_GLOBALS = /\b(SpreadsheetApp|ScriptApp|PropertiesService|CacheService|LockService|Session|HtmlService|Utilities|UrlFetchApp|MailApp|GmailApp|DriveApp|ContentService|CardService|Jdbc)\s*\./;
const NODE_MODULES = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

const layerOf = (path: string) => Object.keys(ALLOWED).find((layer) => relative(join(ROOT, layer), path).split(/[\\/]/)[0] !== '..') ?? '';

/** Code without its comments and strings' contents are left: globals named in a comment do not count. */
const withoutComments = (code: string) => code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');

interface Import {
  spec: string;
  typeOnly: boolean;
}

function importsOf(code: string): Import[] {
  const out: Import[] = [];
  for (const m of code.matchAll(/^\s*(import|export)\s+(type\s+)?[^'";]*?from\s+'([^']+)'/gm)) out.push({ spec: m[3], typeOnly: !!m[2] });
  for (const m of code.matchAll(/^\s*import\s+'([^']+)'/gm)) out.push({ spec: m[1], typeOnly: false });
  for (const m of code.matchAll(/\brequire\(\s*'([^']+)'\s*\)/g)) out.push({ spec: m[1], typeOnly: false });
  return out;
}

const sources = [...files(join(ROOT, 'src')), ...files(join(ROOT, 'sidebar'))];

describe('The layers', () => {
  it('never import up a layer (the sidebar takes only types from the server)', () => {
    const wrong: string[] = [];
    for (const path of sources) {
      const layer = layerOf(path);
      const code = withoutComments(readFileSync(path, 'utf8'));
      for (const { spec, typeOnly } of importsOf(code)) {
        if (!spec.startsWith('.')) continue;
        const target = layerOf(resolve(dirname(path), spec));
        if (ALLOWED[layer]?.includes(target)) continue;
        if (layer === 'sidebar' && target.startsWith('src/') && typeOnly) continue;
        wrong.push(`${relative(ROOT, path)} imports ${spec} (${target} from ${layer})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('name Apps Script globals only in src/gas', () => {
    const wrong = sources.filter((path) => layerOf(path) !== 'src/gas' && GAS_GLOBALS.test(withoutComments(readFileSync(path, 'utf8')))).map((p) => relative(ROOT, p));
    expect(wrong).toEqual([]);
  });

  it('import Node modules only in src/node', () => {
    const wrong: string[] = [];
    for (const path of sources) {
      const layer = layerOf(path);
      for (const { spec } of importsOf(withoutComments(readFileSync(path, 'utf8')))) {
        if (NODE_MODULES.has(spec) && layer !== 'src/node') wrong.push(`${relative(ROOT, path)} imports ${spec}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('catches what it is for (a check that cannot fail is no check)', () => {
    expect(importsOf("import { x } from '../services/contacts';\nimport type { Y } from '../store/table';")).toEqual([
      { spec: '../services/contacts', typeOnly: false },
      { spec: '../store/table', typeOnly: true },
    ]);
    expect(GAS_GLOBALS.test(withoutComments('const s = SpreadsheetApp.getActive();'))).toBe(true);
    expect(GAS_GLOBALS.test(withoutComments('// SpreadsheetApp.getActive() is not called here'))).toBe(false);
    expect(layerOf(join(ROOT, 'src/store/table.ts'))).toBe('src/store');
    expect(ALLOWED['src/store'].includes(layerOf(join(ROOT, 'src/services/record/contacts.ts')))).toBe(false);
  });
});
