import Divider from '@mui/material/Divider';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';

interface Props {
  position: { top: number; left: number } | null;
  onClose(): void;
  onInsertAbove(): void;
  onInsertBelow(): void;
  onDelete(): void;
  onMoveUp(): void;
  onMoveDown(): void;
  onCopy(): void;
  onClear(): void;
}

export function RowMenu({ position, onClose, ...actions }: Props) {
  const item = (label: string, action: () => void, shortcut?: string) => (
    <MenuItem
      dense
      onClick={() => {
        onClose();
        action();
      }}
    >
      <span style={{ flex: 1 }}>{label}</span>
      {shortcut && <span style={{ marginLeft: 24, opacity: 0.6, fontSize: 12 }}>{shortcut}</span>}
    </MenuItem>
  );
  return (
    <Menu open={position !== null} onClose={onClose} anchorReference="anchorPosition" anchorPosition={position ?? undefined}>
      {item('在上方插入行', actions.onInsertAbove)}
      {item('在下方插入行', actions.onInsertBelow)}
      {item('删除行', actions.onDelete)}
      <Divider />
      {item('上移', actions.onMoveUp)}
      {item('下移', actions.onMoveDown)}
      <Divider />
      {item('复制', actions.onCopy, 'Ctrl+C')}
      {item('清除内容', actions.onClear, 'Delete')}
    </Menu>
  );
}
