import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import type { TableDef } from '../../../shared/tables/schema';

/** The layouts of the chosen package, all ticked by default; `chosen` null means all of them. */
export function TablePicker({ tables, chosen, onChange }: { tables: { def: TableDef; label: string }[]; chosen: Set<string> | null; onChange(chosen: Set<string> | null): void }) {
  const isOn = (id: string) => chosen === null || chosen.has(id);
  const count = chosen === null ? tables.length : tables.filter((t) => chosen.has(t.def.id)).length;
  const toggle = (id: string) => {
    const next = new Set(chosen ?? tables.map((t) => t.def.id));
    if (next.has(id)) next.delete(id);
    else next.add(id);
    onChange(next.size === tables.length ? null : next);
  };
  return (
    <Stack>
      <FormControlLabel
        control={<Checkbox checked={count === tables.length} indeterminate={count > 0 && count < tables.length} onChange={() => onChange(count === tables.length ? new Set() : null)} />}
        label={`全部表格（已选 ${count}/${tables.length}）`}
        data-testid="export-all-tables"
      />
      <Stack sx={{ pl: 3, maxHeight: 220, overflowY: 'auto', border: '1px solid #e0e4ea', borderRadius: 1 }}>
        {tables.map(({ def, label }) => (
          <FormControlLabel
            key={def.id}
            control={<Checkbox size="small" checked={isOn(def.id)} onChange={() => toggle(def.id)} />}
            label={label}
            data-testid={`export-table-${def.id}`}
            slotProps={{ typography: { fontSize: 14 } }}
          />
        ))}
      </Stack>
    </Stack>
  );
}
