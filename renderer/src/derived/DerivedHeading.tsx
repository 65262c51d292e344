import Box from '@mui/material/Box';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { DerivedTable, UnitEntry } from '../../../shared/derive/types';

/** The official heading of a derived table, as the core fills it, with the 预算单位 selector when there are units. */
export function DerivedHeading({ table, units, unit, onUnit }: { table: DerivedTable; units: UnitEntry[]; unit: string; onUnit(code: string): void }) {
  return (
    <Box sx={{ pb: 0.5 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', minHeight: 24, gap: 1 }}>
        <Typography data-testid="table-number" sx={{ fontWeight: 600, fontSize: 15, flex: 1 }}>
          {table.number}
        </Typography>
        {units.length > 0 && (
          <TextField
            select
            size="small"
            label="预算单位"
            value={unit}
            onChange={(e) => onUnit(e.target.value)}
            sx={{ minWidth: 220 }}
            slotProps={{ inputLabel: { shrink: true }, select: { displayEmpty: true, SelectDisplayProps: { 'data-testid': 'unit-select' } as React.HTMLAttributes<HTMLDivElement> } }}
          >
            <MenuItem value="">全部（汇总）</MenuItem>
            {units.map((u) => (
              <MenuItem key={u.code} value={u.code}>
                {u.code} {u.name}
              </MenuItem>
            ))}
          </TextField>
        )}
      </Box>
      <Typography component="h2" data-testid="table-title" sx={{ textAlign: 'center', fontWeight: 700, fontSize: 20, letterSpacing: 0.5, my: 0.5 }}>
        {table.title}
      </Typography>
      <Box sx={{ display: 'flex', alignItems: 'baseline', fontSize: 14, minHeight: 21 }}>
        <Box sx={{ flex: 1 }} data-testid="table-unit-name">
          {table.unitLine ?? ''}
        </Box>
        {table.moneyUnitLine && <Box data-testid="table-unit">{table.moneyUnitLine}</Box>}
      </Box>
    </Box>
  );
}
