import { strToU8, zipSync } from 'fflate';
import { readWorkbookFast } from '../../src/node/xlsx-fast-read';
import { ZipArchive } from '../../src/node/zip-read';

/** An .xlsx as other programs write it, by hand: the XML the fast reader must understand. */
function xlsx(sheet: string, strings = '', styles = '', compress = true): Uint8Array {
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8('<Types/>'),
    'xl/workbook.xml': strToU8('<workbook xmlns:r="r"><sheets><sheet name="Made &amp; kept" sheetId="1" r:id="rId1"/></sheets></workbook>'),
    'xl/_rels/workbook.xml.rels': strToU8('<Relationships><Relationship Id="rId1" Type="worksheet" Target="/xl/worksheets/sheet1.xml"/></Relationships>'),
    'xl/worksheets/sheet1.xml': strToU8(
      `<worksheet><sheetViews><sheetView><pane xSplit="1" ySplit="2" state="frozen"/></sheetView></sheetViews><cols><col min="1" max="2" width="21.5"/></cols><sheetData>${sheet}</sheetData></worksheet>`,
    ),
    'docProps/core.xml': strToU8('<cp:coreProperties><cp:keywords>crm-journal:12</cp:keywords></cp:coreProperties>'),
  };
  if (strings) files['xl/sharedStrings.xml'] = strToU8(`<sst>${strings}</sst>`);
  if (styles) files['xl/styles.xml'] = strToU8(styles);
  return zipSync(files, { level: compress ? 6 : 0 });
}

describe('the fast .xlsx reader', () => {
  it('reads every kind of cell other programs write', () => {
    const styles = '<styleSheet><numFmts><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="49"/></cellXfs></styleSheet>';
    const strings = '<si><t>plain</t></si><si><r><rPr><b/></rPr><t>Zo</t></r><r><t xml:space="preserve">ë </t></r><rPh><t>ゾエ</t></rPh></si><si><t>a_x000D_b &amp; &lt;c&gt; &#233;</t></si><si/>';
    const sheet = [
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v> 1 </v></c><c r="D1" t="s"><v>2</v></c><c r="E1" t="s"><v>3</v></c></row>',
      '<row r="3" spans="1:5"><c r="A3" s="1"><v>45322</v></c><c r="B3" s="2"><v>0042</v></c><c r="C3" t="b"><v>1</v></c><c r="D3" t="e"><v>#N/A</v></c><c r="E3" t="str"><f>UPPER("a")</f><v>A</v></c></row>',
      '<row r="4"><c r="A4" t="inlineStr"><is><t>inline é</t></is></c><c r="B4" t="inlineStr"><is><r><t>ri</t></r><r><rPr><i/></rPr><t>ch</t></r></is></c><c r="C4"/><c r="D4"><v/></c><c r="E4"><f t="shared" si="0"/><v>-1.5E-3</v></c></row>',
      '<row r="5"/>',
      '<row><c><v>7</v></c><c t="inlineStr"><is><t xml:space="preserve">  padded </t></is></c></row>',
      '<row r="7"><c r="AA7" t="inlineStr"><is><t>far &quot;right&quot;</t></is></c><c r="AB7" t="d"><v>2024-01-31</v></c></row>',
    ].join('');
    for (const compress of [true, false]) {
      const file = readWorkbookFast(xlsx(sheet, strings, styles, compress));
      expect(file.names).toEqual(['Made & kept']);
      expect(file.keywords).toBe('crm-journal:12');
      const rows = file.parse('Made & kept');
      expect(rows[0]).toEqual(['plain', 'Zoë ', '', 'a\rb & <c> é', '']);
      expect(rows[1]).toEqual([]);
      expect(rows[2]).toEqual(['2024-01-31', 42, true, '#N/A', 'A']);
      expect(rows[3]).toEqual(['inline é', 'rich', '', '', -0.0015]);
      expect(rows[4]).toEqual([]);
      expect(rows[5]).toEqual([7, '  padded ']);
      expect(rows[6][26]).toBe('far "right"');
      expect(rows[6][27]).toBe('2024-01-31');
      expect(file.frozenRows('Made & kept')).toBe(2);
      expect(file.frozenColumns('Made & kept')).toBe(1);
      expect(file.widths('Made & kept')).toEqual([21.5, 21.5]);
    }
  });

  it('reads files whose elements all carry a namespace prefix (as the .NET Open XML SDK writes them)', () => {
    const M = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    const file = readWorkbookFast(
      zipSync({
        'xl/workbook.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><x:workbook xmlns:x="${M}" xmlns:r="r"><x:sheets><x:sheet name="Contacts" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>`),
        'xl/_rels/workbook.xml.rels': strToU8('<Relationships><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
        'xl/worksheets/sheet1.xml': strToU8(
          `<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="${M}"><x:sheetViews><x:sheetView><x:pane ySplit="1" state="frozen"/></x:sheetView></x:sheetViews><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>id</x:t></x:is></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>name</x:t></x:is></x:c></x:row><x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>c1</x:t></x:is></x:c><x:c r="B2"><x:v>42</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
        ),
      }),
    );
    expect(file.names).toEqual(['Contacts']);
    expect(file.parse('Contacts')).toEqual([
      ['id', 'name'],
      ['c1', 42],
    ]);
    expect(file.frozenRows('Contacts')).toBe(1);
  });

  it('refuses what is not a zip archive, so that the workbook falls back to exceljs', () => {
    expect(() => readWorkbookFast(strToU8('id,name\n1,Zoë\n'))).toThrow(/not a zip archive/);
    const damaged = xlsx('<row r="1"><c r="A1"><v>1</v></c></row>');
    damaged.fill(0, damaged.length - 200, damaged.length - 30);
    expect(() => readWorkbookFast(damaged)).toThrow();
  });

  it('copies a stored file as it is', () => {
    const archive = new ZipArchive(xlsx('<row r="1"><c r="A1"><v>1</v></c></row>'));
    const stored = archive.stored('xl/worksheets/sheet1.xml');
    expect(stored.method).toBe(8);
    expect(new TextDecoder().decode(archive.read('xl/worksheets/sheet1.xml'))).toContain('<v>1</v>');
    expect(stored.size).toBe(archive.read('xl/worksheets/sheet1.xml').length);
  });
});
