import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserWindow, IpcMainInvokeEvent, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { handleInvoke } from '../../electron/main/ipc.js';
import { shellHandler, type ShellDeps } from '../../electron/main/shell.js';
import { useTempDirs } from '../helpers/hooks.js';

/** The desktop shell's own methods (save dialog, printToPDF, the file manager), driven with fakes of Electron. */

const temp = useTempDirs('budgetdesk-shell-');
const PDF = Buffer.from('%PDF-1.7\n% a printed page\n%%EOF\n');

function setup(picked: { canceled: boolean; filePath?: string } = { canceled: true }) {
  const win = {} as BrowserWindow;
  const deps = {
    dialog: { showSaveDialog: vi.fn(async () => picked) },
    shell: { showItemInFolder: vi.fn() },
    windowOf: vi.fn(() => win),
  };
  const sender = { printToPDF: vi.fn(async () => PDF) };
  return { deps, sender, win, handle: shellHandler(deps as unknown as ShellDeps) };
}

describe('shell methods', () => {
  it('printToPdf prints the page with its CSS page sizes and replaces the target whole', async () => {
    const { sender, handle } = setup();
    const dir = temp.make();
    const out = path.join(dir, '部门预算.pdf');
    writeFileSync(out, 'old');
    expect(await handle('shell.printToPdf', { out }, sender)).toEqual({ ok: true, value: { out, bytes: PDF.length } });
    expect(sender.printToPDF).toHaveBeenCalledWith({ preferCSSPageSize: true, printBackground: true });
    expect(readFileSync(out)).toEqual(PDF);
    expect(readdirSync(dir)).toEqual(['部门预算.pdf']);
  });

  it('printToPdf onto a folder is refused in Chinese and the folder is left alone', async () => {
    const { sender, handle } = setup();
    const dir = path.join(temp.make(), '导出');
    mkdirSync(dir);
    const r = await handle('shell.printToPdf', { out: dir }, sender);
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(!r.ok && r.error.message).toContain('文件夹');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('saveDialog opens on the sender’s window and gives null when cancelled', async () => {
    const cancelled = setup();
    const options = { title: '导出', defaultPath: '部门预算.docx', filters: [{ name: 'Word', extensions: ['docx'] }] };
    expect(await cancelled.handle('shell.saveDialog', options, cancelled.sender)).toEqual({ ok: true, value: { path: null } });
    expect(cancelled.deps.dialog.showSaveDialog).toHaveBeenCalledWith(cancelled.win, options);
    const chosen = setup({ canceled: false, filePath: '/home/clerk/部门预算.docx' });
    expect(await chosen.handle('shell.saveDialog', options, chosen.sender)).toEqual({ ok: true, value: { path: '/home/clerk/部门预算.docx' } });
  });

  it('showItemInFolder hands the path to the file manager; bad input and unknown methods are error values', async () => {
    const { deps, sender, handle } = setup();
    expect(await handle('shell.showItemInFolder', { path: '/x/部门预算.docx' }, sender)).toEqual({ ok: true, value: null });
    expect(deps.shell.showItemInFolder).toHaveBeenCalledWith('/x/部门预算.docx');
    expect(await handle('shell.showItemInFolder', { path: '' }, sender)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await handle('shell.openExternal', { url: 'https://x' }, sender)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it('reach the shell only from our own top-level page, through the one bridge channel', async () => {
    const { sender, handle } = setup();
    const core = { call: vi.fn(async () => ({ ok: true as const, value: 'core' })) };
    const event = (url: string) => ({ senderFrame: { url, parent: null }, sender: sender as unknown as WebContents }) as unknown as IpcMainInvokeEvent;
    const out = path.join(temp.make(), 'a.pdf');
    expect(await handleInvoke(core, event('https://evil.example/'), 'shell.printToPdf', { out }, handle)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(sender.printToPDF).not.toHaveBeenCalled();
    expect(await handleInvoke(core, event('app://budgetdesk/'), 'shell.printToPdf', { out }, handle)).toMatchObject({ ok: true });
    expect(await handleInvoke(core, event('app://budgetdesk/'), 'app.info', {}, handle)).toEqual({ ok: true, value: 'core' });
    expect(core.call).toHaveBeenCalledTimes(1);
  });
});
