/** The numbering plans phones are read with (libphonenumber-js's 'min' metadata: lengths and prefixes,
 *  all normalising and matching need). A plain module here; in Apps Script a project file read on the
 *  first phone a call meets (scripts/build.mjs, ./assets.ts). */
import metadata from 'libphonenumber-js/metadata.min.json';
import type { MetadataJson } from 'libphonenumber-js/core';

export function phoneMetadata(): MetadataJson {
  return metadata;
}
