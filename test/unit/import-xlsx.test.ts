import * as Excel from 'exceljs';
import { isXlsx, readXlsx } from '../../src/core/import';

async function workbook(build: (sheet: Excel.Worksheet, book: Excel.Workbook) => void): Promise<Uint8Array> {
  const book = new Excel.Workbook();
  build(book.addWorksheet('Adhérents'), book);
  return new Uint8Array((await book.xlsx.writeBuffer()) as ArrayBuffer);
}

describe('Reading an .xlsx file for the import', () => {
  it('reads the first sheet: text exactly as stored, numbers, dates, booleans, formula results', async () => {
    const bytes = await workbook((sheet) => {
      sheet.addRow(['Prénom', 'Nom', 'Code postal', 'Cotisation', 'Adhésion', 'Actif', 'Total']);
      sheet.addRow(['Zoé', '=1+1 (typed)', '01000', 25.5, new Date(Date.UTC(2026, 0, 15)), true, { formula: 'D2*2', result: 51 }]);
      sheet.addRow(['<b>José</b> & "Ana"', 'Núñez', '+33 6 12', 10, new Date(Date.UTC(2025, 11, 31, 14, 30)), false, { formula: 'D3*2', result: 20 }]);
      sheet.getCell('A5').value = 'Marc'; // a blank row 4 in between
      sheet.getColumn(5).numFmt = 'dd/mm/yyyy';
    });
    expect(isXlsx(bytes)).toBe(true);
    const parsed = readXlsx(bytes);
    expect(parsed.header).toEqual(['Prénom', 'Nom', 'Code postal', 'Cotisation', 'Adhésion', 'Actif', 'Total']);
    expect(parsed.rows).toEqual([
      { line: 2, cells: ['Zoé', '=1+1 (typed)', '01000', '25.5', '2026-01-15', 'TRUE', '51'] },
      { line: 3, cells: ['<b>José</b> & "Ana"', 'Núñez', '+33 6 12', '10', '2025-12-31T14:30:00', 'FALSE', '20'] },
      { line: 5, cells: ['Marc', '', '', '', '', '', ''] },
    ]);
    expect(parsed.problems).toEqual([]);
  });

  it('names a broken file rather than reading nothing silently', () => {
    const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]);
    expect(readXlsx(bytes).problems.map((p) => p.key)).toEqual(['import.bad_xlsx']);
    expect(isXlsx(new TextEncoder().encode('Prénom;Nom'))).toBe(false);
  });
});
