/** Small settings that must outlive an execution (document properties in Google). Values are text;
 *  Apps Script refuses values over 9 KB, so callers keep them small. */
export interface KeyValue {
  get(key: string): string | null;
  set(key: string, value: string): void;
  delete(key: string): void;
}
