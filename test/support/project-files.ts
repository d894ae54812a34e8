/** The project's HTML files as clasp pushes them (dist/*.html): the sidebars, and the files of JSON
 *  and code the script reads on first use (src/core/assets.ts). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HtmlFiles } from '../fakes/html';

export const DIST = join(__dirname, '../../dist');

export function projectFiles(html: HtmlFiles, dist = DIST): void {
  for (const file of readdirSync(dist)) if (file.endsWith('.html')) html.files[file.slice(0, -'.html'.length)] = readFileSync(join(dist, file), 'utf8');
}
