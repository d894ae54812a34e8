/** What a search of many matches pages with (services/search/search-sql.ts): past a thousand matches it
 *  takes the first page rank by rank, each rank's contacts in name order, instead of ranking them all.
 *  - `contacts_name_key`: the whole name and its start (ranks 100 and 80), by range;
 *  - `contacts_name_words`: the name's words, each after one space (`' jean pierre dupont'`), by
 *    trigrams: a word of the name that starts with what was typed (rank 60) and a part of the name
 *    (rank 40);
 *  - `contacts_sorted`: the live contacts in name order (the words of query-sql.ts LIVE_CONTACT), which
 *    a rank with many contacts walks until its page is full. */
export const SEARCH_0008 = `
CREATE INDEX contacts_name_key ON contacts ("name_key" text_pattern_ops);
CREATE INDEX contacts_name_words ON contacts USING gin ((' ' || regexp_replace("name_key", '[[:space:]''-]+', ' ', 'g')) gin_trgm_ops);
CREATE INDEX contacts_sorted ON contacts ("sort_key" COLLATE "C", "_seq") WHERE "id" <> '' AND "deleted" IS NOT TRUE AND ("merged_into" IS NULL OR "merged_into" = '');
`;
