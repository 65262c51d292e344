import { useEffect, useState } from 'react';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import type { MethodOutput } from '../../../shared/api/contract';
import type { WorkbookState } from '../../../shared/workbook/types';
import { fillTemplate } from '../../../shared/tables/layout';
import { call } from '../api/client';
import { useNotifier } from '../ui/Notifier';
import { MetaFields } from '../workbook/MetaFields';
import { defaultDraft, draftYear, validateDraft, type MetaDraft, type MetaErrors } from '../workbook/metaForm';
import { FormDialog } from '../ui/FormDialog.js';

type TableSetSummary = MethodOutput<'tablesets.list'>[number];

/** A table's title as the clerk will see it in a workbook of `year`; per-project tables read 各项目…. */
const tableLabel = (title: string, year: number) =>
  fillTemplate(title, { year, deptName: '' })
    .replace(/\{index\}\.?/g, '')
    .replace(/\{item\.[A-Za-z0-9_]+\}/g, '各项目');

/** 地区, 年度 and the tables a set holds: what tells two sets apart. */
const setDetails = (s: TableSetSummary, year: number) =>
  `${s.region}，${String(s.year)}年起，${String(s.tables.length)}张表：${s.tables.map((t) => tableLabel(t, year)).join('、')}`;

export function CreateWorkbookDialog({ open, onClose, onCreated }: { open: boolean; onClose(): void; onCreated(state: WorkbookState): void }) {
  const { notifyError } = useNotifier();
  const [draft, setDraft] = useState<MetaDraft>(defaultDraft);
  const [errors, setErrors] = useState<MetaErrors>({});
  const [sets, setSets] = useState<TableSetSummary[]>([]);
  const [region, setRegion] = useState('');
  const [tableSetId, setTableSetId] = useState('');
  // Once the clerk picks a set, a changed year or region no longer replaces it.
  const [picked, setPicked] = useState(false);
  const [busy, setBusy] = useState(false);
  const year = draftYear(draft);

  useEffect(() => {
    if (!open) return;
    setDraft(defaultDraft());
    setErrors({});
    setRegion('');
    setPicked(false);
    let cancelled = false;
    void call('tablesets.list', {}).then((r) => {
      if (cancelled) return;
      if (!r.ok) return notifyError(r.error);
      setSets(r.value);
    });
    return () => {
      cancelled = true;
    };
  }, [open, notifyError]);

  useEffect(() => {
    if (!open || picked || year === null) return;
    let cancelled = false;
    void call('tablesets.choose', { year, region: region || undefined }).then((r) => {
      if (cancelled) return;
      if (!r.ok) return notifyError(r.error);
      setTableSetId(r.value.id);
    });
    return () => {
      cancelled = true;
    };
  }, [open, picked, year, region, notifyError]);

  const submit = async () => {
    const { errors: found, meta } = validateDraft(draft);
    setErrors(found);
    if (!meta) return;
    setBusy(true);
    // Unless the clerk picked one, the set follows the rule for exactly the year being submitted, whether or not
    // the suggestion for the last keystroke has arrived yet.
    const chosen = picked ? { ok: true as const, value: { id: tableSetId } } : await call('tablesets.choose', { year: meta.year, region: region || undefined });
    if (!chosen.ok) {
      setBusy(false);
      return notifyError(chosen.error);
    }
    const r = await call('library.create', { meta: { ...meta, tableSetId: chosen.value.id } });
    setBusy(false);
    if (!r.ok) return notifyError(r.error);
    onCreated(r.value);
  };

  const provinces = [...new Set(sets.map((s) => s.province))];
  const shownYear = year ?? new Date().getFullYear() + 1;
  const current = sets.find((s) => s.id === tableSetId);

  return (
    <FormDialog open={open} title="新建工作簿" busy={busy} submitLabel="创建" submitTestId="create-workbook" maxWidth="md" onClose={onClose} onSubmit={() => void submit()}>
      <MetaFields draft={draft} errors={errors} onChange={setDraft} />
      <Stack direction="row" spacing={2} sx={{ mt: 2 }}>
        <TextField
          select
          name="region"
          label="地区"
          value={region}
          onChange={(e) => setRegion(e.target.value)}
          helperText="按地区推荐套表"
          sx={{ flex: 1 }}
          slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
        >
          <MenuItem value="">不限地区</MenuItem>
          {provinces.map((p) => (
            <MenuItem key={p} value={p}>
              {p}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          id="table-set"
          name="tableSetId"
          label="表格套表"
          value={current ? tableSetId : ''}
          onChange={(e) => {
            setPicked(true);
            setTableSetId(e.target.value);
          }}
          helperText={current ? setDetails(current, shownYear) : '按地区和年度确定的公开表格样式'}
          slotProps={{ select: { renderValue: () => current?.name ?? '' } }}
          sx={{ flex: 3 }}
        >
          {sets.map((s) => (
            <MenuItem key={s.id} value={s.id} data-testid="table-set-option" sx={{ whiteSpace: 'normal', maxWidth: 720 }}>
              <ListItemText primary={s.name} secondary={setDetails(s, shownYear)} />
            </MenuItem>
          ))}
        </TextField>
      </Stack>
    </FormDialog>
  );
}
