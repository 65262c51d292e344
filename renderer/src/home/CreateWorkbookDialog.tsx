import { useEffect, useState } from 'react';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import type { MethodOutput } from '../../../shared/api/contract';
import type { WorkbookState } from '../../../shared/workbook/types';
import { call } from '../api/client';
import { useNotifier } from '../ui/Notifier';
import { MetaFields } from '../workbook/MetaFields';
import { defaultDraft, validateDraft, type MetaDraft, type MetaErrors } from '../workbook/metaForm';
import { FormDialog } from '../ui/FormDialog.js';

type TableSetSummary = MethodOutput<'tablesets.list'>[number];

export function CreateWorkbookDialog({ open, onClose, onCreated }: { open: boolean; onClose(): void; onCreated(state: WorkbookState): void }) {
  const { notifyError } = useNotifier();
  const [draft, setDraft] = useState<MetaDraft>(defaultDraft);
  const [errors, setErrors] = useState<MetaErrors>({});
  const [sets, setSets] = useState<TableSetSummary[]>([]);
  const [tableSetId, setTableSetId] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    setDraft(defaultDraft());
    setErrors({});
    let cancelled = false;
    void call('tablesets.list', {}).then((r) => {
      if (cancelled) return;
      if (!r.ok) return notifyError(r.error);
      setSets(r.value);
      setTableSetId((current) => (r.value.some((s) => s.id === current) ? current : (r.value[0]?.id ?? '')));
    });
    return () => {
      cancelled = true;
    };
  }, [open, notifyError]);

  const submit = async () => {
    const { errors: found, meta } = validateDraft(draft);
    setErrors(found);
    if (!meta) return;
    if (!tableSetId) return notifyError('请选择表格套表。');
    setBusy(true);
    const r = await call('library.create', { meta: { ...meta, tableSetId } });
    setBusy(false);
    if (!r.ok) return notifyError(r.error);
    onCreated(r.value);
  };

  return (
    <FormDialog open={open} title="新建工作簿" busy={busy} submitLabel="创建" submitTestId="create-workbook" onClose={onClose} onSubmit={() => void submit()}>
      <MetaFields draft={draft} errors={errors} onChange={setDraft} />
      <TextField
        select
        fullWidth
        name="tableSetId"
        label="表格套表"
        value={sets.length > 0 ? tableSetId : ''}
        onChange={(e) => setTableSetId(e.target.value)}
        helperText="按地区和年度确定的公开表格样式"
        sx={{ mt: 2 }}
      >
        {sets.map((s) => (
          <MenuItem key={s.id} value={s.id}>
            {s.name}（{s.region}，{s.year}年起）
          </MenuItem>
        ))}
      </TextField>
    </FormDialog>
  );
}
