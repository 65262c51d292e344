import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Renders exported .docx/.xlsx with LibreOffice (headless) to PDF, and the PDF to text (pdftotext) and PNGs
 * (pdftoppm), the way DOMAIN.md §7 says to check exports on Linux: Debian has none of the official Chinese
 * faces, so a fontconfig alias file maps them to Noto CJK (宋体/仿宋/楷体/小标宋 → Noto Serif CJK SC, 黑体 →
 * Noto Sans CJK SC); Times New Roman resolves to the metric-compatible Liberation Serif. Each conversion gets
 * its own LibreOffice profile so parallel runs do not share (and lock) one.
 */

const SERIF = ['宋体', 'SimSun', '仿宋_GB2312', '仿宋', 'FangSong', 'FangSong_GB2312', '楷体_GB2312', '楷体', 'KaiTi', '方正小标宋简体', '方正小标宋_GBK'];
const SANS = ['黑体', 'SimHei'];

export function libreOfficeAvailable(): boolean {
  return ['soffice', 'pdftotext', 'pdftoppm'].every((tool) => {
    try {
      execFileSync('which', [tool], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  });
}

/** Writes the fontconfig alias file into `dir` and returns its path (for FONTCONFIG_FILE). */
export function writeFontAliases(dir: string): string {
  const rule = (from: string, to: string) =>
    `  <match target="pattern"><test name="family" qual="any"><string>${from}</string></test>` +
    `<edit name="family" mode="assign" binding="strong"><string>${to}</string></edit></match>`;
  const conf = [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">',
    '<fontconfig>',
    '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>',
    ...SERIF.map((f) => rule(f, 'Noto Serif CJK SC')),
    ...SANS.map((f) => rule(f, 'Noto Sans CJK SC')),
    '</fontconfig>',
    '',
  ].join('\n');
  const file = path.join(dir, 'fonts-budgetdesk.conf');
  writeFileSync(file, conf);
  return file;
}

/** Converts `file` to PDF in `outDir` with a fresh LibreOffice profile; returns the PDF's path. */
export function convertToPdf(file: string, outDir: string): string {
  mkdirSync(outDir, { recursive: true });
  const profile = path.join(outDir, `lo-profile-${path.basename(file).replace(/\W/g, '_')}`);
  const fonts = writeFontAliases(outDir);
  execFileSync(
    'soffice',
    [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', outDir, file],
    { env: { ...process.env, FONTCONFIG_FILE: fonts, HOME: outDir }, stdio: 'pipe', timeout: 170_000 },
  );
  const pdf = path.join(outDir, `${path.basename(file, path.extname(file))}.pdf`);
  if (!existsSync(pdf)) throw new Error(`LibreOffice wrote no PDF for ${file}`);
  return pdf;
}

/**
 * The PDF's text in content-stream order, pages separated by form feeds: LibreOffice draws cell after cell,
 * row after row, so a wrapped cell's lines stay together (-layout would interleave neighbouring cells' lines).
 */
export function pdfText(pdf: string): string {
  return execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** Page sizes in points, one per page ([width, height]). */
export function pdfPageSizes(pdf: string): [number, number][] {
  const info = execFileSync('pdfinfo', ['-f', '1', '-l', '9999', pdf], { encoding: 'utf8' });
  return [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/gm)].map((m) => [Number(m[1]), Number(m[2])]);
}

/** Writes one PNG per page (`prefix-N.png`, 60 dpi) into `dir` for people to look at; returns their paths. */
export function pdfToPngs(pdf: string, dir: string, prefix: string, dpi = 60): string[] {
  mkdirSync(dir, { recursive: true });
  execFileSync('pdftoppm', ['-png', '-r', String(dpi), pdf, path.join(dir, prefix)]);
  return readdirSync(dir)
    .filter((f) => f.startsWith(`${prefix}-`) && f.endsWith('.png'))
    .sort()
    .map((f) => path.join(dir, f));
}
