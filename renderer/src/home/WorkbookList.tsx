import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Button from '@mui/material/Button';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemButton from '@mui/material/ListItemButton';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import type { WorkbookListEntry } from '../../../shared/api/contract';
import { formatDateTime } from '../ui/format';

export interface ListedWorkbook extends WorkbookListEntry {
  recent: boolean;
  inLibrary: boolean;
}

/** Library files and recently opened ones elsewhere, each once: a file listed twice would be ambiguous to click. */
export function mergeEntries(workbooks: WorkbookListEntry[], recent: WorkbookListEntry[]): ListedWorkbook[] {
  const byPath = new Map<string, ListedWorkbook>();
  for (const w of workbooks) byPath.set(w.path, { ...w, recent: false, inLibrary: true });
  for (const r of recent) {
    const known = byPath.get(r.path);
    if (known) known.recent = true;
    else byPath.set(r.path, { ...r, recent: true, inLibrary: false });
  }
  return [...byPath.values()].sort((a, b) => b.modifiedAt.localeCompare(a.modifiedAt));
}

export function WorkbookList({
  items,
  onOpen,
  onRename,
  onDelete,
}: {
  items: ListedWorkbook[];
  onOpen(item: ListedWorkbook): void;
  onRename(item: ListedWorkbook): void;
  onDelete(item: ListedWorkbook): void;
}) {
  if (items.length === 0) {
    return (
      <Typography color="text.secondary" sx={{ py: 4, textAlign: 'center' }}>
        还没有工作簿。点击“新建工作簿”开始编报，或在下方输入已有工作簿的路径打开。
      </Typography>
    );
  }
  return (
    <List disablePadding>
      {items.map((item) => (
        <ListItem
          key={item.path}
          data-testid="workbook-item"
          divider
          disablePadding
          secondaryAction={
            <Stack direction="row" spacing={0.5}>
              {item.inLibrary && (
                <Button size="small" data-testid="rename-workbook" onClick={() => onRename(item)}>
                  重命名
                </Button>
              )}
              <Tooltip title={item.inLibrary ? '移到回收区，之后可以恢复' : '只从最近列表中移除，文件不动'}>
                <Button size="small" color="error" data-testid="delete-workbook" onClick={() => onDelete(item)}>
                  {item.inLibrary ? '删除' : '移除'}
                </Button>
              </Tooltip>
            </Stack>
          }
        >
          <ListItemButton onClick={() => onOpen(item)} sx={{ pr: 18 }}>
            <Box sx={{ minWidth: 0, flex: 1 }}>
              <Stack direction="row" spacing={1} sx={{ alignItems: 'baseline' }}>
                <Typography sx={{ fontWeight: 600 }} noWrap>
                  {item.meta?.deptName ?? '（无法读取的工作簿）'}
                </Typography>
                {item.meta && <Typography color="text.secondary">{item.meta.year}年</Typography>}
                {item.recent && <Chip label="最近打开" size="small" variant="outlined" />}
              </Stack>
              <Typography variant="body2" color="text.secondary" noWrap title={item.path}>
                {item.fileName} · 修改于 {formatDateTime(item.modifiedAt)}
                {!item.inLibrary && ` · ${item.path}`}
              </Typography>
              {item.problem && (
                <Typography variant="body2" color="error">
                  {item.problem}
                </Typography>
              )}
            </Box>
          </ListItemButton>
        </ListItem>
      ))}
    </List>
  );
}
