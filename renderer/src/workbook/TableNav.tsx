import { Fragment } from 'react';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import ListSubheader from '@mui/material/ListSubheader';
import type { TableDef } from '../../../shared/tables/schema';
import type { WorkbookMeta } from '../../../shared/workbook/types';
import { navGroups } from './navGroups';
import { templateVars } from './templateVars';

/** A page of the workbook that is not a table (the 说明), listed before the tables under its group. */
export interface NavPage {
  id: string;
  label: string;
  group: string;
}

/** The set's tables grouped as the set lists them, in the set's own order; other pages first. */
export function TableNav({ tables, pages = [], selected, meta, onSelect }: { tables: TableDef[]; pages?: NavPage[]; selected: string; meta: WorkbookMeta; onSelect(id: string): void }) {
  return (
    <List dense disablePadding component="nav" aria-label="表格目录">
      {pages.map((p) => (
        <Fragment key={p.id}>
          <ListSubheader sx={{ lineHeight: '32px', bgcolor: '#f4f6f9' }}>{p.group}</ListSubheader>
          <ListItemButton data-testid={`table-nav-${p.id}`} selected={p.id === selected} onClick={() => onSelect(p.id)}>
            <ListItemText primary={p.label} slotProps={{ primary: { sx: { fontSize: 14 } } }} />
          </ListItemButton>
        </Fragment>
      ))}
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
