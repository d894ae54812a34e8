/** Reading people's files into contacts: bytes → text (encoding), text → rows (delimited), headers →
 *  fields (headers), cells → values (values), rows → checked drafts (drafts). Pure: the import service
 *  decides what to match, create and update. */
export { ENCODINGS, decodeBytes, detectEncoding, isValidUtf8, type Encoding } from './encoding';
export { DELIMITERS, detectDelimiter, parseDelimited, type ParsedFile, type ParsedRow, type ParseProblem } from './delimited';
export { CONTACT_TARGETS, FLAG_TARGETS, IDENTITY_TARGETS, TARGETS, checkMappingValues, headerKey, headerSignature, isTarget, mapHeaders, type ColumnMapping, type Target } from './headers';
export { detectDateOrder, readAmount, readBirthday, readBoolean, readCurrency, readDate, readDateTime, splitFullName, splitTags, type DateOrder } from './values';
export { buildDrafts, keptColumnName, type DraftResult, type ImportDraft, type RowError, type RowWarning } from './drafts';
export { IMPORT_MESSAGES_EN, importMessage, type ImportMessageKey } from './messages';
export { isXlsx, readXlsx } from './xlsx';
