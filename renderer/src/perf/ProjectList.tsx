import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import { formatMoney } from '../../../shared/money/decimal';
import type { MoneyUnit } from '../../../shared/tables/schema';
import type { GridRow } from '../../../shared/workbook/types';

interface Props {
  projects: readonly GridRow[];
  selected: string | null;
  unit: MoneyUnit;
  onSelect(id: string): void;
  onAdd(): void;
  onDelete(id: string): void;
}

/** The workbook's projects, one 项目支出绩效目标表 each. */
export function ProjectList({ projects, selected, unit, onSelect, onAdd, onDelete }: Props) {
  return (
    <Box sx={{ width: 230, flexShrink: 0, display: 'flex', flexDirection: 'column', border: '1px solid #dde2e8', bgcolor: '#fff', borderRadius: 1, minHeight: 0 }}>
      <Box sx={{ display: 'flex', gap: 1, p: 1, borderBottom: '1px solid #dde2e8' }}>
        <Button size="small" variant="contained" data-testid="add-project" onClick={onAdd}>
          新增项目
        </Button>
        <Button size="small" color="error" data-testid="delete-project" disabled={!selected} onClick={() => selected && onDelete(selected)}>
          删除
        </Button>
      </Box>
      <List dense disablePadding sx={{ overflowY: 'auto', flex: 1 }} aria-label="项目列表">
        {projects.map((p, i) => (
          <ListItemButton key={p.id} data-testid={`project-item-${i}`} selected={p.id === selected} onClick={() => onSelect(p.id)}>
            <ListItemText
              primary={`${i + 1}. ${p.cells.name || '（未命名项目）'}`}
              secondary={p.cells.amount ? `${formatMoney(p.cells.amount, unit)} ${unit}` : undefined}
              slotProps={{ primary: { sx: { fontSize: 14 } }, secondary: { sx: { fontSize: 12 } } }}
            />
          </ListItemButton>
        ))}
      </List>
      {projects.length === 0 && (
        <Typography variant="body2" color="text.secondary" sx={{ p: 1.5 }}>
          还没有项目，点“新增项目”开始填写。
        </Typography>
      )}
    </Box>
  );
}
