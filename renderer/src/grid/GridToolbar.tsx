import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';

interface Props {
  onInsertAbove(): void;
  onInsertBelow(): void;
  onDelete(): void;
  onMoveUp(): void;
  onMoveDown(): void;
  rowCount: number;
}

// Keeping focus in the grid on mousedown lets the grid finish an open edit before the row operation.
const keepFocus = (e: React.MouseEvent) => e.preventDefault();

export function GridToolbar({ onInsertAbove, onInsertBelow, onDelete, onMoveUp, onMoveDown, rowCount }: Props) {
  const tools: [string, string, string, () => void][] = [
    ['insert-row-above', '在上方插入行', '在选中行的上方插入同样多的空行', onInsertAbove],
    ['insert-row-below', '在下方插入行', '在选中行的下方插入同样多的空行', onInsertBelow],
    ['delete-rows', '删除行', '删除选中的行（可撤销）', onDelete],
    ['move-up', '上移', '把选中的行上移一行', onMoveUp],
    ['move-down', '下移', '把选中的行下移一行', onMoveDown],
  ];
  return (
    <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center', py: 0.5, flexWrap: 'wrap' }}>
      {tools.map(([id, label, hint, action]) => (
        <Tooltip key={id} title={hint}>
          <Button size="small" variant="outlined" data-testid={id} onMouseDown={keepFocus} onClick={action}>
            {label}
          </Button>
        </Tooltip>
      ))}
      <Typography variant="caption" color="text.secondary" noWrap sx={{ pl: 1.5, flex: 1, minWidth: 0 }} title="直接输入即可填写；Enter 确认，Esc 取消，Alt+Enter 换行，F2 修改原内容；可从 Excel/WPS 复制后 Ctrl+V 粘贴；右键可插入、删除、移动行">
        共 {rowCount} 行 · 输入即填写，Enter 确认，Esc 取消，Alt+Enter 换行，Ctrl+V 粘贴 Excel/WPS 内容
      </Typography>
    </Stack>
  );
}
