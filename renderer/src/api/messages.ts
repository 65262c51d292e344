import { describeError } from '../../../shared/api/errors-zh';
import { errorCodes, type ApiError, type ErrorCode } from '../../../shared/api/result';

export const NETWORK_ERROR_MESSAGE = '后台服务无法连接。请确认预算编报台仍在运行，然后刷新页面重试；刚才的修改可能未保存。';

const isKnownCode = (code: unknown): code is ErrorCode => (errorCodes as readonly unknown[]).includes(code);

/** The sentence shown to the clerk for an error; always built here so every screen words it the same. */
export function errorText(error: ApiError): string {
  if (error.details?.network === true) return NETWORK_ERROR_MESSAGE;
  if (isKnownCode(error.code)) return describeError(error.code, error.details);
  return error.message || '发生未知错误，请重试。';
}

const shortReasons: Partial<Record<ErrorCode, string>> = {
  VALIDATION: '输入不符合要求',
  NOT_FOUND: '找不到工作簿或表格',
  INVALID_NUMBER: '数字格式有误',
  CONFLICT: '工作簿已被其他操作修改',
  DISK_FULL: '磁盘空间已满',
  READ_ONLY: '文件位置只读',
  IO_ERROR: '读写文件失败',
  WORKBOOK_IN_USE: '工作簿被占用',
  WORKBOOK_CORRUPT: '工作簿已损坏',
  UNAUTHORIZED: '会话凭据无效',
  INTERNAL: '程序内部错误',
};

/** A few words for the save-status chip; the full sentence goes into its tooltip. */
export function shortReason(error: ApiError): string {
  if (error.details?.network === true) return '后台服务无法连接';
  return shortReasons[error.code] ?? '操作失败';
}
