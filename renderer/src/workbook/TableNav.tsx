import { Fragment } from 'react';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import ListSubheader from '@mui/material/ListSubheader';
import { fillTemplate } from '../../../shared/tables/layout';
import type { TableDef } from '../../../shared/tables/schema';
import type { WorkbookMeta } from '../../../shared/workbook/types';
import { templateVars } from './templateVars';

const UNGROUPED = '其他表格';

/** The set's tables grouped as the set lists them, in the set's own order. */
export function TableNav({ tables, selected, meta, onSelect }: { tables: TableDef[]; selected: string; meta: WorkbookMeta; onSelect(id: string): void }) {
  const groups: { name: string; tables: TableDef[] }[] = [];
  for (const t of tables) {
    const name = t.group ?? UNGROUPED;
    const group = groups.find((g) => g.name === name);
    if (group) group.tables.push(t);
    else groups.push({ name, tables: [t] });
  }
  const vars = templateVars(meta);
  return (
    <List dense disablePadding component="nav" aria-label="表格目录">
      {groups.map((g) => (
        <Fragment key={g.name}>
          <ListSubheader sx={{ lineHeight: '32px', bgcolor: '#f4f6f9' }}>{g.name}</ListSubheader>
          {g.tables.map((t) => (
            <ListItemButton key={t.id} data-testid={`table-nav-${t.id}`} selected={t.id === selected} onClick={() => onSelect(t.id)}>
              <ListItemText
                primary={fillTemplate(t.shortTitle ?? t.title, vars)}
                secondary={t.number || undefined}
                slotProps={{ primary: { sx: { fontSize: 14 } }, secondary: { sx: { fontSize: 12 } } }}
              />
            </ListItemButton>
          ))}
        </Fragment>
      ))}
    </List>
  );
}
