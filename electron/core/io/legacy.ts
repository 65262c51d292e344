import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Where LibreOffice installs its command on the systems clerks use (统信UOS/麒麟 and Windows). */
const CANDIDATES = [
  '/usr/bin/soffice',
  '/usr/local/bin/soffice',
  '/opt/libreoffice/program/soffice',
  'C:\\Program Files\\LibreOffice\\program\\soffice.exe',
  'C:\\Program Files (x86)\\LibreOffice\\program\\soffice.exe',
];

/** A conversion that takes longer than this is stuck (LibreOffice waiting on a dialog). */
const CONVERT_TIMEOUT_MS = 120_000;

export function findSoffice(): string | null {
  const fromEnv = process.env.BUDGETDESK_SOFFICE;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

/**
 * Converts an old binary .doc/.wps/.xls/.et to .docx/.xlsx with LibreOffice when it is installed, in a
 * private temporary folder with its own LibreOffice profile (so a running LibreOffice is not disturbed).
 * Answers null when LibreOffice is missing or the conversion fails; the caller then says how to convert by hand.
 */
export async function convertLegacy(buf: Buffer, to: 'docx' | 'xlsx'): Promise<Buffer | null> {
  const soffice = findSoffice();
  if (!soffice) return null;
  const dir = mkdtempSync(path.join(tmpdir(), 'bd-convert-'));
  try {
    const ext = to === 'docx' ? 'doc' : 'xls';
    const input = path.join(dir, `input.${ext}`);
    writeFileSync(input, buf);
    const profile = pathToFileURL(path.join(dir, 'profile')).href;
    await new Promise<void>((resolve, reject) => {
      execFile(
        soffice,
        [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', to, '--outdir', dir, input],
        { timeout: CONVERT_TIMEOUT_MS, windowsHide: true },
        (err) => (err ? reject(err) : resolve()),
      );
    });
    const output = path.join(dir, `input.${to}`);
    return existsSync(output) ? readFileSync(output) : null;
  } catch {
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
