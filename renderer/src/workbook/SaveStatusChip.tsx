import Chip from '@mui/material/Chip';
import Tooltip from '@mui/material/Tooltip';
import type { SaveStatus } from './session';

/** Every change is written to disk at once; this says whether the last one made it. */
export function SaveStatusChip({ status }: { status: SaveStatus }) {
  if (status.kind === 'error') {
    return (
      <Tooltip title={status.message}>
        <Chip data-testid="save-status" color="error" size="small" label={`未保存：${status.reason}`} />
      </Tooltip>
    );
  }
  const saving = status.kind === 'saving';
  return (
    <Tooltip title={saving ? '正在写入磁盘' : '所有修改都已写入工作簿文件'}>
      <Chip
        data-testid="save-status"
        size="small"
        label={saving ? '保存中…' : '已保存'}
        sx={{ bgcolor: saving ? 'rgba(255,255,255,0.25)' : 'rgba(255,255,255,0.9)', color: saving ? 'inherit' : 'success.dark' }}
      />
    </Tooltip>
  );
}
