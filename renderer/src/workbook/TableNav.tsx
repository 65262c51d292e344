import { Fragment } from 'react';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import ListSubheader from '@mui/material/ListSubheader';
import type { TableDef } from '../../../shared/tables/schema';
import type { WorkbookMeta } from '../../../shared/workbook/types';
import { navGroups } from './navGroups';
import { templateVars } from './templateVars';

/** The set's tables grouped as the set lists them, in the set's own order. */
export function TableNav({ tables, selected, meta, onSelect }: { tables: TableDef[]; selected: string; meta: WorkbookMeta; onSelect(id: string): void }) {
  return (
    <List dense disablePadding component="nav" aria-label="表格目录">
      {navGroups(tables, templateVars(meta)).map((g) => (
        <Fragment key={g.name}>
          <ListSubheader sx={{ lineHeight: '32px', bgcolor: '#f4f6f9' }}>{g.name}</ListSubheader>
          {g.entries.map((t) => (
            <ListItemButton key={t.id} data-testid={`table-nav-${t.id}`} selected={t.id === selected} onClick={() => onSelect(t.id)}>
              <ListItemText primary={t.label} secondary={t.number} slotProps={{ primary: { sx: { fontSize: 14 } }, secondary: { sx: { fontSize: 12 } } }} />
            </ListItemButton>
          ))}
        </Fragment>
      ))}
    </List>
  );
}
