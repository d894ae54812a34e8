/** Project files read when first needed. Every Apps Script call parses the whole bundle, so data a
 *  call rarely needs (the dictionaries, the phone numbering plans) lives in project files of JSON
 *  beside dist/Code.js (scripts/build.mjs), read the first time it is asked for. src/gas sets the
 *  reader; outside Apps Script the same data is a plain module and nothing is read this way. */
let readAsset: ((name: string) => string) | null = null;
const read = new Map<string, unknown>();

/** How the runtime reads a project file by name (set by src/gas when the script loads). */
export function setAssetReader(reader: (name: string) => string): void {
  readAsset = reader;
}

/** The JSON of a project file, read once per execution. */
export function jsonAsset<T>(name: string): T {
  if (read.has(name)) return read.get(name) as T;
  if (!readAsset) throw new Error(`The project file ${name} cannot be read here: no asset reader`);
  const value = JSON.parse(readAsset(name)) as T;
  read.set(name, value);
  return value;
}

/** A project file's text as it is (a part of the sidebar's code, sent to the page that asks). */
export function textAsset(name: string): string {
  if (!readAsset) throw new Error(`The project file ${name} cannot be read here: no asset reader`);
  return readAsset(name);
}

/** A library kept in a project file (CommonJS text: fflate for .xlsx files, papaparse for CSV), run
 *  once per execution the first time a call needs it: the calls that never import never parse it. */
export function codeAsset<T>(name: string): T {
  if (read.has(name)) return read.get(name) as T;
  if (!readAsset) throw new Error(`The project file ${name} cannot be read here: no asset reader`);
  const module = { exports: {} as T };
  new Function('module', 'exports', readAsset(name))(module, module.exports);
  read.set(name, module.exports);
  return module.exports;
}
