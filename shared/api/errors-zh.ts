import type { ApiError, ErrorCode } from './result.js';

type Details = Record<string, unknown> | undefined;
const s = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

/** Chinese message per error code: what is wrong, then what to do. */
const messages: Record<ErrorCode, (d: Details) => string> = {
  VALIDATION: (d) => `输入不符合要求${d?.issue ? `：${s(d.issue)}` : ''}。请检查后重试。`,
  UNKNOWN_METHOD: (d) => `程序内部调用了不存在的功能（${s(d?.method)}）。请升级到最新版本。`,
  NOT_FOUND: (d) => `找不到${s(d?.what) || '对象'}${d?.path ? `：${s(d.path)}` : ''}。它可能已被移动或删除，请刷新列表后重试。`,
  ALREADY_EXISTS: (d) => `已存在同名文件${d?.path ? `：${s(d.path)}` : ''}。请换一个名称。`,
  NOT_A_WORKBOOK: (d) =>
    `文件${d?.path ? `“${s(d.path)}”` : ''}不是预算编报台工作簿（.bdwb）。请选择由本程序创建的工作簿，或通过“导入”功能打开 Word/Excel/JSON 文件。`,
  WORKBOOK_CORRUPT: (d) =>
    `工作簿${d?.path ? `“${s(d.path)}”` : ''}已损坏或不完整（可能是复制中断或断电造成）。文件未被修改，请从备份恢复。`,
  WORKBOOK_TOO_NEW: (d) =>
    `该工作簿由更新版本的预算编报台创建（格式版本 ${s(d?.fileVersion)}，本程序支持到 ${s(d?.supportedVersion)}）。请升级程序后再打开，文件未被修改。`,
  WORKBOOK_IN_USE: () => '该工作簿已在另一个窗口或程序中打开。请先在那里关闭它，再在这里打开。',
  INVALID_NUMBER: (d) =>
    `“${s(d?.text)}”不是有效的金额或数字${d?.where ? `（${s(d.where)}）` : ''}。请输入数字，例如 12.5 或 1,234.56；未保存该内容。`,
  INVALID_INTERCHANGE: (d) => `导入的 JSON 文件内容无效${d?.issue ? `：${s(d.issue)}` : ''}。请使用由本程序导出的工作簿 JSON 文件。`,
  FILE_TOO_LARGE: (d) => `文件过大（${s(d?.size)}），超过上限 ${s(d?.limit)}。请确认选择了正确的文件。`,
  DISK_FULL: () => '磁盘空间已满，最近的修改未能保存。请清理磁盘空间后重试，已保存的内容不受影响。',
  READ_ONLY: () => '文件所在位置只读（或U盘已拔出），修改未能保存。请将工作簿另存到可写的位置，已保存的内容不受影响。',
  IO_ERROR: (d) => `读写文件失败${d?.reason ? `（${s(d.reason)}）` : ''}。请检查文件所在磁盘或U盘后重试。`,
  NOTHING_TO_UNDO: () => '没有可以撤销的操作。',
  NOTHING_TO_REDO: () => '没有可以重做的操作。',
  CONFLICT: () => '工作簿已被其他操作修改。界面已刷新为最新内容，请重新进行刚才的修改。',
  EXPORT_LOCKED: (d) =>
    `文件${d?.path ? `“${s(d.path)}”` : ''}正被其他程序（如 Word、WPS 或 Excel）打开，无法覆盖。请先在该程序中关闭它，再重新导出；原文件未被改动。`,
  EXPORT_READ_ONLY: (d) => `无法写入${d?.path ? `“${s(d.path)}”` : '导出文件'}：该位置只读或没有写入权限。请换一个可写的文件夹重新导出；原文件未被改动。`,
  EXPORT_DISK_FULL: (d) => `导出${d?.path ? `“${s(d.path)}”` : '文件'}时磁盘空间不足，文件未写入。请清理磁盘空间或换一个位置后重新导出；原文件未被改动。`,
  EXPORT_NOT_BUILT: (d) => `本版本尚不能导出 ${s(d?.format)} 格式的文件。请先导出其他格式（如 Excel .xlsx），待升级后再导出此格式。`,
  UNAUTHORIZED: () => '访问被拒绝：会话凭据无效。请使用启动时给出的地址重新打开。',
  UNSUPPORTED_FILE: (d) => `无法导入${d?.name ? `“${s(d.name)}”` : '该文件'}：${s(d?.issue) || '文件格式无法识别'}。没有创建或修改任何工作簿。`,
  INTERNAL: (d) => `程序内部错误${d?.reason ? `：${s(d.reason)}` : ''}。您的数据未受影响，请重试；如反复出现请联系技术支持。`,
};

export function describeError(code: ErrorCode, details?: Details): string {
  return messages[code](details);
}

export function makeError(code: ErrorCode, details?: Record<string, unknown>): ApiError {
  return details === undefined ? { code, message: describeError(code) } : { code, message: describeError(code, details), details };
}
