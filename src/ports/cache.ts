/** A short-lived cache shared by the executions of one spreadsheet (CacheService's document cache in
 *  Google). It spares each call the reads that rarely change (who is staff, the settings, a log's
 *  header). Values are text, at most 100 KB each; anything may vanish at any time, so a miss only
 *  costs a read. */
export interface Cache {
  get(key: string): string | null;
  put(key: string, value: string, seconds: number): void;
  remove(keys: string[]): void;
}
