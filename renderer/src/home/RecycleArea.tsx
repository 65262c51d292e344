import Button from '@mui/material/Button';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import type { RecycledEntry } from '../../../shared/api/contract';
import { formatDateTime } from '../ui/format';

export function RecycleArea({ entries, busy, onRestore }: { entries: RecycledEntry[]; busy: boolean; onRestore(entry: RecycledEntry): void }) {
  if (entries.length === 0) {
    return (
      <Typography color="text.secondary" variant="body2" sx={{ py: 2 }}>
        回收区是空的。删除的工作簿会先放在这里，可以随时恢复。
      </Typography>
    );
  }
  return (
    <List dense disablePadding>
      {entries.map((e) => (
        <ListItem
          key={e.recycledPath}
          data-testid="recycled-item"
          divider
          secondaryAction={
            <Button size="small" data-testid="restore-workbook" disabled={busy} onClick={() => onRestore(e)}>
              恢复
            </Button>
          }
        >
          <ListItemText primary={e.fileName} secondary={`删除于 ${formatDateTime(e.deletedAt)} · 原位置 ${e.originalPath}`} />
        </ListItem>
      ))}
    </List>
  );
}
