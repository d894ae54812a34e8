/** What a search of many matches pages with (services/search/search-sql.ts): past a thousand matches it
 *  takes the first page rank by rank, each rank's contacts in name order, instead of ranking them all.
 *  - `contacts_name_key`: the whole name and its start (ranks 100 and 80), by range;
 *  - `contacts_sort_words`: the sort key's words (the name's, last name first), one space apart
 *    (`dupont jean pierre`), by trigrams: a word of the name after the first that starts with what was
 *    typed (rank 60), a part of the name (rank 40);
 *  - `contacts_sorted`: the live contacts in name order (the words of query-sql.ts LIVE_CONTACT), which
 *    a rank with many contacts walks until its page is full, and whose range of a sort key's start
 *    holds the contacts whose last name starts with what was typed. */
export const SEARCH_0008 = `
CREATE INDEX contacts_name_key ON contacts ("name_key" text_pattern_ops);
CREATE INDEX contacts_sort_words ON contacts USING gin ((regexp_replace("sort_key", '[[:space:]''-]+', ' ', 'g')) gin_trgm_ops);
CREATE INDEX contacts_sorted ON contacts ("sort_key" COLLATE "C", "_seq") WHERE "id" <> '' AND "deleted" IS NOT TRUE AND ("merged_into" IS NULL OR "merged_into" = '');
`;
