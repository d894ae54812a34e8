/** The English texts of the import's own message keys. The dictionaries in src/core/i18n are the place
 *  people read them from; this copy lets the parser give a readable `message` without a language, and
 *  a test checks that every key the import emits has a text here. Row errors read as
 *  "Line 12, column "Email": <text>", like the store's column problems. */
export const IMPORT_MESSAGES_EN = {
  'import.unclosed_quote':
    'a quoted field opened on line {line} is never closed, so the rest of the file was read as one cell. Close the quote (or double the quotes inside the field) and import again',
  'import.bad_quote': 'a quoted field on line {line} has text after its closing quote; the text was kept. Put the whole field in quotes and double the quotes inside it',
  'import.extra_cells': 'line {line} has {count} cells but the header has {expected}: the extra cells are kept as {columns}',
  'import.too_long': 'is {length} characters long; a cell holds at most {max}. Shorten it in the file: nothing was cut',
  'import.bad_date': '"{value}" is not a date we can read (expected {format})',
  'import.bad_amount': '"{value}" is not an amount (write it like 1234.56 or 1 234,56)',
  'import.bad_boolean': '"{value}" is not yes or no (TRUE/FALSE, yes/no, oui/non, sí/no, sim/não, 1/0)',
  'import.empty_row': 'has no name, email, phone or organisation: there is nobody to import',
  'import.bad_xlsx': 'the .xlsx file cannot be read ({message}): save it again from Excel or LibreOffice, or as CSV',
} as const;

export type ImportMessageKey = keyof typeof IMPORT_MESSAGES_EN;

/** The English text of an import key with its parameters filled in. */
export function importMessage(key: ImportMessageKey, params: Record<string, string | number>): string {
  return IMPORT_MESSAGES_EN[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
