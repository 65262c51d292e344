import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  openWorkbook(): void;
  about(): void;
  /** DevTools only in development builds. */
  developer: boolean;
}

/**
 * Minimal Chinese menu. Undo/redo are deliberately absent: the renderer binds Ctrl+Z/Ctrl+Y to the
 * workbook's own undo log, and a native accelerator would compete with it.
 */
export function menuTemplate(actions: MenuActions): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    { label: '重新加载', role: 'reload' },
    { type: 'separator' },
    { label: '放大', role: 'zoomIn' },
    { label: '缩小', role: 'zoomOut' },
    { label: '实际大小', role: 'resetZoom' },
    { type: 'separator' },
    { label: '全屏', role: 'togglefullscreen' },
  ];
  if (actions.developer) view.push({ type: 'separator' }, { label: '开发者工具', role: 'toggleDevTools' });
  return [
    {
      label: '文件',
      submenu: [
        { label: '打开工作簿…', accelerator: 'CmdOrCtrl+O', click: () => actions.openWorkbook() },
        { type: 'separator' },
        { label: '退出', role: 'quit' },
      ],
    },
    {
      label: '编辑',
      submenu: [
        { label: '剪切', role: 'cut' },
        { label: '复制', role: 'copy' },
        { label: '粘贴', role: 'paste' },
        { label: '全选', role: 'selectAll' },
      ],
    },
    { label: '视图', submenu: view },
    { label: '帮助', submenu: [{ label: '关于预算编报台', click: () => actions.about() }] },
  ];
}
