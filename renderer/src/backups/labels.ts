const reasons: Record<string, string> = {
  'on-open': '打开时',
  periodic: '定时',
  'pre-migration': '迁移前',
  'pre-bulk': '批量修改前',
  'pre-restore': '恢复前',
  'pre-import': '导入前',
  manual: '手动',
};

/** The clerk sees why a copy was made, never the core's reason code. */
export function reasonLabel(reason: string): string {
  return reasons[reason] ?? '其他';
}

/** Seconds matter here: several copies can be made within one minute (open, manual, restore). */
export function formatBackupTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString('zh-CN', { hour12: false, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} 字节`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A path next to `file` with the same name plus `suffix`, in the file's own separator style (Windows or POSIX). */
export function siblingPath(file: string, suffix: string): string {
  const cut = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  const dir = file.slice(0, cut + 1);
  const base = file.slice(cut + 1).replace(/\.bdwb$/i, '');
  return `${dir}${base}${suffix}`;
}

/**
 * Where 另存为 proposes the copy: beside the workbook, named for the workbook's own year (a file carried over from
 * last year and renamed in 工作簿信息 still has last year's name), ending in -副本.
 */
export function saveAsSuggestion(file: string, year: number): string {
  const named = siblingPath(file, '');
  const cut = Math.max(named.lastIndexOf('/'), named.lastIndexOf('\\')) + 1;
  const base = named.slice(cut);
  const yearly = /\d{4}年/.test(base) ? base.replace(/\d{4}年/g, `${String(year)}年`) : `${base}-${String(year)}年`;
  return `${named.slice(0, cut)}${yearly}-副本.bdwb`;
}

/** Users paste paths from Explorer's "复制为路径", which wraps them in quotes. */
export const cleanPath = (text: string): string => text.trim().replace(/^"(.*)"$/, '$1');
