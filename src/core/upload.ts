/** How big files go up (shared by the sidebar and the server, see services/imports/import-upload.ts). */

/** Base64 characters per part the sidebar sends (3 MB of file): far under what one Apps Script call
 *  or the local server accepts. */
export const UPLOAD_PART_CHARS = 4 * 1024 * 1024;
/** The largest file taken, in base64 characters (30 MB of file, as in one call). */
export const MAX_UPLOAD_CHARS = 40 * 1024 * 1024;
