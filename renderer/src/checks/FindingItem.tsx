import { useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { CheckFinding } from '../../../shared/checks/rule';

const MAX_TEXT = 2000;

/** The other tables a finding's cells lie in (a cross-table check names both sides). */
function otherTables(f: CheckFinding): string[] {
  return [...new Set(f.cells.map((c) => c.table))].filter((t) => t !== f.table);
}

/**
 * One finding: its message, what was expected, found and the difference; a click opens its table with the
 * cells marked. A 错误 or 需说明 takes a 说明, typed here and kept with the workbook (undoable like any edit).
 */
export function FindingItem({
  finding: f,
  picked,
  tableName,
  onPick,
  onExplain,
}: {
  finding: CheckFinding;
  picked: boolean;
  tableName(id: string): string;
  onPick(f: CheckFinding, table?: string): void;
  onExplain(f: CheckFinding, text: string): Promise<boolean>;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const explainable = f.severity !== '提示';
  const save = async () => {
    if (draft === null) return;
    setSaving(true);
    const ok = await onExplain(f, draft);
    setSaving(false);
    if (ok) setDraft(null);
  };
  const facts = [
    f.expected !== undefined ? `应为 ${f.expected}` : null,
    f.actual !== undefined ? `实为 ${f.actual}` : null,
    f.difference !== undefined ? `相差 ${f.difference}` : null,
  ].filter((x): x is string => x !== null);
  return (
    <Box data-testid="check-finding" data-rule={f.rule} data-severity={f.severity} data-finding={f.id} sx={{ px: 1.5, py: 0.75, bgcolor: picked ? '#fff3e0' : undefined, borderLeft: picked ? '3px solid #d84315' : '3px solid transparent' }}>
      <Box
        component="button"
        type="button"
        data-testid="check-finding-open"
        title={f.cells.length > 0 ? '打开此表并标出涉及的单元格' : undefined}
        onClick={() => onPick(f)}
        sx={{ all: 'unset', cursor: 'pointer', display: 'block', fontSize: 14, lineHeight: 1.5, '&:hover': { color: '#1f5fa8' }, '&:focus-visible': { outline: '2px solid #1f5fa8' } }}
      >
        {f.message}
      </Box>
      {facts.length > 0 && (
        <Typography variant="caption" component="p" color="text.secondary" data-testid="check-figures">
          {facts.join('；')}
        </Typography>
      )}
      {otherTables(f).map((t) => (
        <Button key={t} size="small" sx={{ minWidth: 0, px: 0.5, mr: 0.5 }} onClick={() => onPick(f, t)} data-testid="check-other-table">
          另见 {tableName(t)}
        </Button>
      ))}
      {f.explanation && draft === null && (
        <Box sx={{ mt: 0.5, p: 0.75, bgcolor: '#f1f8e9', borderRadius: 0.5, fontSize: 13, whiteSpace: 'pre-line' }} data-testid="check-explanation">
          说明：{f.explanation}
        </Box>
      )}
      {explainable && draft === null && (
        <Button size="small" sx={{ px: 0.5, minWidth: 0 }} onClick={() => setDraft(f.explanation ?? '')} data-testid="check-explain">
          {f.explanation ? '修改说明' : '填写说明'}
        </Button>
      )}
      {draft !== null && (
        <Box sx={{ mt: 0.5, display: 'flex', flexDirection: 'column', gap: 0.5 }}>
          <TextField
            multiline
            minRows={2}
            size="small"
            autoFocus
            value={draft}
            onChange={(e) => setDraft(e.target.value.slice(0, MAX_TEXT))}
            placeholder="说明原因，如“新增接待上级检查任务，公务接待费增加”"
            slotProps={{ htmlInput: { 'data-testid': 'check-explain-text', 'aria-label': '审核说明' } }}
            helperText={f.explanation ? '清空后保存即删除此说明' : undefined}
          />
          <Box sx={{ display: 'flex', gap: 1 }}>
            <Button size="small" variant="contained" disabled={saving || (draft.trim() === '' && !f.explanation)} onClick={() => void save()} data-testid="check-explain-save">
              保存说明
            </Button>
            <Button size="small" disabled={saving} onClick={() => setDraft(null)}>
              取消
            </Button>
          </Box>
        </Box>
      )}
    </Box>
  );
}
