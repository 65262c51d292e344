import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { PERF_TABLES } from '../../../shared/perf/binding';
import type { MoneyUnit } from '../../../shared/tables/schema';
import type { GridRow } from '../../../shared/workbook/types';
import { checkCellText, editorText, textToSend } from '../grid/columns';
import { useNotifier } from '../ui/Notifier';
import type { WorkbookSession } from '../workbook/session';
import { CommitField } from './CommitField';
import { projectColumn, projectsDef } from './perfModel';

const PLAN_DEFAULTS = ['3月底', '6月底', '9月底', '12月底'];

/**
 * The 项目支出绩效目标表 fields of one project; each is saved on its own as one undoable change. `flagged`
 * tells the fields a picked 审核 finding marks.
 */
export function ProjectEditor({ session, project, rowNumber, unit, flagged }: { session: WorkbookSession; project: GridRow; rowNumber: number; unit: MoneyUnit; flagged?: (key: string) => boolean }) {
  const { notifyError } = useNotifier();

  const save = async (key: string, label: string, text: string): Promise<boolean> => {
    const col = projectColumn(key);
    const problem = checkCellText(projectsDef, col, text, unit, rowNumber);
    if (problem) {
      notifyError(problem);
      return false;
    }
    const r = await session.change(
      () => [{ kind: 'setCells', tableId: PERF_TABLES.projects, cells: [{ rowId: project.id, col: key, text: textToSend(col, text) }] }],
      `修改项目“${label}”`,
    );
    if (r && !r.ok) {
      notifyError(r.error);
      return false;
    }
    return true;
  };

  const field = (key: string, label: string, extra: { multiline?: boolean; width?: number | string; placeholder?: string } = {}) => (
    <CommitField
      key={`${project.id}-${key}`}
      name={key}
      label={label}
      size="small"
      multiline={extra.multiline}
      minRows={extra.multiline ? 2 : undefined}
      placeholder={extra.placeholder}
      className={flagged?.(key) ? 'flagged' : undefined}
      sx={{ width: extra.width ?? 200, '&.flagged .MuiOutlinedInput-root': { bgcolor: '#ffe2b8' }, '&.flagged .MuiOutlinedInput-notchedOutline': { borderColor: '#d84315', borderWidth: 2 } }}
      stored={editorText(projectColumn(key), project.cells[key], unit)}
      onCommit={(text) => save(key, label, text)}
      slotProps={{ inputLabel: { shrink: true } }}
    />
  );

  return (
    <Box data-testid="project-editor" sx={{ display: 'flex', flexDirection: 'column', gap: 1.5, p: 1.5, bgcolor: '#fff', border: '1px solid #dde2e8', borderRadius: 1 }}>
      <Box sx={{ display: 'flex', gap: 1.5, flexWrap: 'wrap' }}>
        {field('code', '项目编码', { width: 220 })}
        {field('name', '项目名称', { width: 320 })}
        {field('dept', '主管部门')}
        {field('implementer', '实施单位')}
        {field('period', '实施期', { width: 140, placeholder: '如 2025年' })}
      </Box>
      <Box sx={{ display: 'flex', gap: 1.5, flexWrap: 'wrap', alignItems: 'flex-start' }}>
        {field('amount', `预算数（${unit}）`, { width: 160 })}
        {field('fiscalAmount', `其中：财政资金（${unit}）`, { width: 170 })}
        {field('otherAmount', `其他资金（${unit}）`, { width: 160 })}
        {field('purpose', '资金用途', { multiline: true, width: 'min(100%, 420px)' })}
      </Box>
      <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'center' }}>
        <Typography variant="body2" color="text.secondary" sx={{ mr: 0.5 }}>
          资金支出计划（累计%）
        </Typography>
        {[1, 2, 3, 4].map((n) => (
          <Box key={n} sx={{ display: 'flex', gap: 0.5 }}>
            {field(`planLabel${n}`, `时点${n}`, { width: 90, placeholder: PLAN_DEFAULTS[n - 1] })}
            {field(`plan${n}`, `进度${n}`, { width: 70, placeholder: '%' })}
          </Box>
        ))}
      </Box>
      {field('goal', '绩效目标（每条一行，Ctrl+Enter 保存）', { multiline: true, width: '100%' })}
    </Box>
  );
}
