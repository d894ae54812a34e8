/** TextFinder, as Apps Script documents it: it compares the text each cell *displays* (a formula's
 *  result unless matchFormulaText), case-insensitively and anywhere in the cell unless told otherwise
 *  (matchCase, matchEntireCell), and a regular expression only with useRegularExpression. findAll is
 *  one service call, whatever the range's size, and returns one single-cell Range per match in row
 *  order. (Google's regular expressions are RE2; JavaScript's are used here, for the subset both share.) */
import type { FakeContext } from './context';
import { gasError } from './context';
import { readDisplay, ssCall } from './grid';
import type { Range } from './range';
import type { Sheet } from './sheet';

export class TextFinder {
  private entire = false;
  private caseSensitive = false;
  private regex = false;
  private diacritics = false;
  private formulaText = false;

  constructor(
    private readonly ctx: FakeContext,
    private readonly sheet: Sheet,
    private readonly area: { row: number; col: number; numRows: number; numCols: number },
    private readonly text: string,
  ) {
    if (typeof text !== 'string' || text === '') throw gasError(ctx, 'Invalid argument: findText');
  }

  matchEntireCell(on: boolean): TextFinder {
    this.entire = on;
    return this;
  }
  matchCase(on: boolean): TextFinder {
    this.caseSensitive = on;
    return this;
  }
  useRegularExpression(on: boolean): TextFinder {
    this.regex = on;
    return this;
  }
  ignoreDiacritics(on: boolean): TextFinder {
    this.diacritics = on;
    return this;
  }
  matchFormulaText(on: boolean): TextFinder {
    this.formulaText = on;
    return this;
  }

  findAll(): Range[] {
    const { row, col, numRows, numCols } = this.area;
    const last = Math.min(row + numRows - 1, this.sheet._lastRow());
    ssCall(this.ctx, 'TextFinder', 'findAll', true);
    const test = this.tester();
    const found: Range[] = [];
    for (let r = row; r <= last; r++)
      for (let c = col; c < col + numCols; c++) {
        const cell = this.sheet._cell(r, c);
        const shown = this.formulaText && cell?.f !== undefined ? cell.f : readDisplay(this.ctx, cell);
        if (shown !== '' && test(shown)) found.push(this.sheet.getRange(r, c));
      }
    return found;
  }

  private tester(): (text: string) => boolean {
    const fold = (s: string) => (this.diacritics ? s.normalize('NFD').replace(/\p{M}/gu, '') : s);
    if (this.regex) {
      let source = fold(this.text);
      if (this.entire) source = `^(?:${source})$`;
      const pattern = new RegExp(source, this.caseSensitive ? 'u' : 'iu');
      return (text) => pattern.test(fold(text));
    }
    const wanted = this.caseSensitive ? fold(this.text) : fold(this.text).toLowerCase();
    return (text) => {
      const seen = this.caseSensitive ? fold(text) : fold(text).toLowerCase();
      return this.entire ? seen === wanted : seen.includes(wanted);
    };
  }
}
