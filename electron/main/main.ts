import { existsSync } from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell } from 'electron';
import { APP_VERSION, Core } from '../core/core.js';
import { defaultDataDir } from '../core/data-dir.js';
import { readTableSetFolder } from '../core/tablesets.js';
import { registerAppScheme, serveAppProtocol } from './app-protocol.js';
import { APP_HOME_URL } from './app-url.js';
import { registerIpc } from './ipc.js';
import { menuTemplate } from './menu.js';
import { hardenContents, hardenSession, windowWebPreferences } from './security.js';
import { shellHandler } from './shell.js';
import { workbookHash, workbookPathFromArgv } from './workbook-args.js';

// The Electron shell: window, protocol, IPC relay, menu. All behaviour lives in the core and the renderer.

const appRoot = app.getAppPath();
const rendererDir = path.join(appRoot, 'dist', 'renderer');
const preloadPath = path.join(appRoot, 'dist', 'electron', 'preload.cjs');

// In development the npm-installed better-sqlite3 is built for Node's ABI; build/install-electron.mjs
// fetches a second build for Electron's ABI. Packaged apps are rebuilt by electron-builder instead.
const electronSqlite = path.join(appRoot, 'node_modules', '.budgetdesk-electron', 'better_sqlite3.node');
if (!app.isPackaged && existsSync(electronSqlite)) process.env.BUDGETDESK_SQLITE_BINDING = electronSqlite;

app.enableSandbox();
registerAppScheme(protocol);

let mainWindow: BrowserWindow | null = null;
let core: Core | null = null;
let pendingWorkbook: string | null = workbookPathFromArgv(process.argv, process.cwd());

function showWorkbook(file: string): void {
  const win = mainWindow;
  if (!win || win.webContents.isLoading()) {
    pendingWorkbook = file;
    return;
  }
  // A hash change keeps the page (and its state) alive; the renderer's router reacts to it.
  void win.webContents.executeJavaScript(`location.hash = ${JSON.stringify(workbookHash(file))};`);
}

function focusWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

function createWindow(): void {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    title: '预算编报台',
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: windowWebPreferences(preloadPath),
  });
  mainWindow = win;
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  const initial = pendingWorkbook;
  pendingWorkbook = null;
  void win.loadURL(APP_HOME_URL + (initial ? workbookHash(initial) : ''));
  win.webContents.on('did-finish-load', () => {
    const file = pendingWorkbook;
    pendingWorkbook = null;
    if (file) showWorkbook(file);
  });
}

async function chooseWorkbook(): Promise<void> {
  const options: Electron.OpenDialogOptions = {
    title: '打开工作簿',
    filters: [{ name: '预算编报台工作簿', extensions: ['bdwb'] }],
    properties: ['openFile'],
  };
  const picked = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
  const file = picked.filePaths[0];
  if (!picked.canceled && file) showWorkbook(file);
}

function showAbout(): void {
  const options: Electron.MessageBoxOptions = {
    type: 'info',
    title: '关于预算编报台',
    message: `预算编报台 ${APP_VERSION}`,
    detail: '部门预算公开与预算绩效目标编报桌面工具（离线）。\n所有数据仅保存在本机。',
    buttons: ['确定'],
  };
  void (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
}

if (!app.requestSingleInstanceLock()) {
  // Another window already runs: it receives our argv via 'second-instance' and opens the file there.
  app.quit();
} else {
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const file = workbookPathFromArgv(argv, workingDirectory);
    focusWindow();
    if (file) showWorkbook(file);
  });
  // macOS delivers double-clicked files here, possibly before 'ready'.
  app.on('open-file', (event, file) => {
    event.preventDefault();
    showWorkbook(file);
    focusWindow();
  });
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => core?.closeAll());

  void app.whenReady().then(() => {
    hardenSession(session.defaultSession);
    serveAppProtocol(protocol, rendererDir);
    const dataDir = defaultDataDir();
    core = new Core({ dataDir, host: 'electron', extraTableSets: readTableSetFolder(dataDir) });
    core.startAutoBackup();
    registerIpc(ipcMain, core, shellHandler({ dialog, shell, windowOf: (contents) => BrowserWindow.fromWebContents(contents) }));
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        menuTemplate({ openWorkbook: () => void chooseWorkbook(), about: showAbout, developer: !app.isPackaged }),
      ),
    );
    createWindow();
  });
}
