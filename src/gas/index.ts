/** The Apps Script entry file. Everything exported here becomes a top-level function of dist/Code.js
 *  (scripts/build.mjs appends one stub per export), which is all Apps Script can see. */
export { onOpen, onInstall, showSidebar, runSetUp } from './menu';
export { doGet, doPost, applyIntake, pollStripe } from './web';
export { hourlyNewsletterSync, continueNewsletterSync } from './sync';
export { dailyMaintenance, continueNightly, continueImports, onEdit, onSheetChange, auditHandEdits, onSelectionChange } from './jobs';
export * from './api';

import { setAssetReader } from '../core/assets';
import { SHARED_GLOBAL, SHARED_MODULES } from './shared-modules';

// The dictionaries and the phone numbering plans are project files of JSON (see src/core/assets.ts),
// read when a call needs one.
setAssetReader((name) => HtmlService.createHtmlOutputFromFile(name).getContent());
// The modules a feature's project file shares with the script (see shared-modules.ts).
(globalThis as Record<string, unknown>)[SHARED_GLOBAL] = SHARED_MODULES;
