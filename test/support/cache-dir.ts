import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The local runtime keeps snapshots of big sheets in the user's cache folder (src/node/snapshot.ts):
// tests keep theirs in a temporary folder, which the CLI processes they start inherit.
process.env.CRM_CACHE_DIR ||= mkdtempSync(join(tmpdir(), 'crm-cache-'));
