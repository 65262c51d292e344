import JSZip from 'jszip';

/**
 * Minimal but real OOXML packages for importer tests, built part by part so a test can reproduce exactly
 * the markup Word, WPS or LibreOffice write (split runs, vMerge without w:val, gridBefore …).
 */

const W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"';
const REL_OFFICE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument';

export const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A paragraph whose text is split into the given runs (as WPS splits text mid-word). */
export const p = (runs: string | string[], style?: string): string =>
  `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ''}${(Array.isArray(runs) ? runs : [runs]).map((r) => `<w:r><w:rPr><w:rFonts w:eastAsia="仿宋_GB2312"/></w:rPr><w:t xml:space="preserve">${esc(r)}</w:t></w:r>`).join('')}</w:p>`;

export interface TcOptions {
  span?: number;
  /** 'restart', 'continue' (written as w:val="continue"), or 'bare' (<w:vMerge/>, as Word writes continuations). */
  vMerge?: 'restart' | 'continue' | 'bare';
}

export const tc = (content: string | string[], o: TcOptions = {}): string => {
  const props = [o.span && o.span > 1 ? `<w:gridSpan w:val="${o.span}"/>` : '', o.vMerge === 'bare' ? '<w:vMerge/>' : o.vMerge ? `<w:vMerge w:val="${o.vMerge}"/>` : ''].join('');
  const paras = Array.isArray(content) ? content.map((c) => (c.startsWith('<w:') ? c : p(c))).join('') : content.startsWith('<w:') ? content : p(content);
  return `<w:tc><w:tcPr><w:tcW w:w="1000" w:type="dxa"/>${props}</w:tcPr>${paras}</w:tc>`;
};

export const tr = (cells: string[], o: { header?: boolean; gridBefore?: number } = {}): string =>
  `<w:tr><w:trPr>${o.gridBefore ? `<w:gridBefore w:val="${o.gridBefore}"/>` : ''}${o.header ? '<w:tblHeader/>' : ''}<w:cantSplit/></w:trPr>${cells.join('')}</w:tr>`;

export const tbl = (gridCols: number, rows: string[]): string =>
  `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>${'<w:gridCol w:w="1000"/>'.repeat(gridCols)}</w:tblGrid>${rows.join('')}</w:tbl>`;

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles ${W_NS}>
<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/></w:style>
<w:style w:type="paragraph" w:styleId="Custom"><w:name w:val="我的标题"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>
</w:styles>`;

export async function makeDocx(body: string, o: { styles?: string | null } = {}): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file('_rels/.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_OFFICE}" Target="word/document.xml"/></Relationships>`);
  zip.file('word/document.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W_NS}><w:body>${body}<w:sectPr/></w:body></w:document>`);
  if (o.styles !== null) zip.file('word/styles.xml', o.styles ?? STYLES);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

export interface SheetSpec {
  name: string;
  /** Rows of cells: a string is a shared string, a number is stored as a number, {inline} an inline string, {text} a number typed as text. */
  rows: (string | number | { inline: string } | { text: string } | null)[][];
  merges?: string[];
  hidden?: boolean;
}

const colName = (i: number): string => {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

export async function makeXlsx(sheets: SheetSpec[]): Promise<Buffer> {
  const zip = new JSZip();
  const strings: string[] = [];
  const sst = (s: string): number => {
    const at = strings.indexOf(s);
    if (at >= 0) return at;
    strings.push(s);
    return strings.length - 1;
  };
  zip.file(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`,
  );
  zip.file('_rels/.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_OFFICE}" Target="xl/workbook.xml"/></Relationships>`);
  const rels: string[] = [];
  const sheetTags: string[] = [];
  sheets.forEach((sheet, i) => {
    const rowsXml = sheet.rows
      .map((row, r) => {
        const cells = row
          .map((v, c) => {
            const ref = `${colName(c)}${r + 1}`;
            if (v === null) return '';
            if (typeof v === 'number') return `<c r="${ref}"><v>${v}</v></c>`;
            if (typeof v === 'string') return `<c r="${ref}" t="s"><v>${sst(v)}</v></c>`;
            if ('inline' in v) return `<c r="${ref}" t="inlineStr"><is><t>${esc(v.inline)}</t></is></c>`;
            return `<c r="${ref}" t="s"><v>${sst(v.text)}</v></c>`;
          })
          .join('');
        return `<row r="${r + 1}">${cells}</row>`;
      })
      .join('');
    const merges = sheet.merges?.length ? `<mergeCells count="${sheet.merges.length}">${sheet.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>` : '';
    zip.file(`xl/worksheets/sheet${i + 1}.xml`, `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rowsXml}</sheetData>${merges}</worksheet>`);
    rels.push(`<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`);
    sheetTags.push(`<sheet name="${esc(sheet.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"${sheet.hidden ? ' state="hidden"' : ''}/>`);
  });
  rels.push(`<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`);
  zip.file('xl/_rels/workbook.xml.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`);
  zip.file(
    'xl/workbook.xml',
    `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheetTags.join('')}</sheets></workbook>`,
  );
  // Rich text runs, as Excel writes a string typed with two fonts.
  const si = strings.map((s) => (s.length > 3 ? `<si><r><t>${esc(s.slice(0, 2))}</t></r><r><rPr><b/></rPr><t>${esc(s.slice(2))}</t></r></si>` : `<si><t>${esc(s)}</t></si>`));
  zip.file('xl/sharedStrings.xml', `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">${si.join('')}</sst>`);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
