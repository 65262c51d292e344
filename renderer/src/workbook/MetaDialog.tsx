import { useEffect, useState } from 'react';
import type { WorkbookMeta } from '../../../shared/workbook/types';
import { MetaFields } from './MetaFields';
import { TableSetField } from './TableSetField';
import { draftFromMeta, validateDraft, type MetaDraft, type MetaErrors } from './metaForm';
import { FormDialog } from '../ui/FormDialog.js';

/** Edits 部门名称, 年度, the table set and the rest; the change is one undoable step like any cell edit. */
export function MetaDialog({
  open,
  meta,
  onClose,
  onSave,
}: {
  open: boolean;
  meta: WorkbookMeta;
  onClose(): void;
  onSave(patch: Partial<WorkbookMeta>): Promise<boolean>;
}) {
  const [draft, setDraft] = useState<MetaDraft>(() => draftFromMeta(meta));
  const [tableSetId, setTableSetId] = useState(meta.tableSetId);
  const [errors, setErrors] = useState<MetaErrors>({});
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (open) {
      setDraft(draftFromMeta(meta));
      setTableSetId(meta.tableSetId);
      setErrors({});
    }
  }, [open, meta]);

  const submit = async () => {
    const { errors: found, meta: next } = validateDraft(draft);
    setErrors(found);
    if (!next) return;
    const patch: Partial<WorkbookMeta> = {};
    for (const key of ['deptName', 'unitCode', 'year', 'moneyUnit', 'scope'] as const) {
      if (next[key] !== meta[key]) (patch as Record<string, unknown>)[key] = next[key];
    }
    if (tableSetId !== meta.tableSetId) patch.tableSetId = tableSetId;
    if (Object.keys(patch).length === 0) return onClose();
    setBusy(true);
    const saved = await onSave(patch);
    setBusy(false);
    if (saved) onClose();
  };

  return (
    <FormDialog open={open} title="工作簿信息" busy={busy} submitLabel="保存" submitTestId="save-meta" onClose={onClose} onSubmit={() => void submit()}>
      <MetaFields draft={draft} errors={errors} onChange={setDraft} />
      <TableSetField value={tableSetId} onChange={setTableSetId} />
    </FormDialog>
  );
}
