import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import type { ApiError } from '../../../shared/api/result';
import type { CheckFinding, Severity } from '../../../shared/checks/rule';
import { errorText } from '../api/messages';
import { FindingItem } from './FindingItem';
import { countBySeverity, groupFindings, isOpen, type FindingFilter } from './grouping';
import { usePickedFinding } from './highlight';

export const SEVERITY_COLOR: Record<Severity, string> = { 错误: '#c62828', 需说明: '#e65100', 提示: '#0277bd' };

export interface ChecksPanelProps {
  findings: CheckFinding[] | null;
  error: ApiError | null;
  /** Table ids in side-list order and their names ("附件1 部门收支总表"). */
  order: readonly string[];
  tableName(id: string): string;
  onPick(f: CheckFinding, table?: string): void;
  /** Saves (or, with '', removes) the 说明 of a finding; resolves to false when it was not saved. */
  onExplain(f: CheckFinding, text: string): Promise<boolean>;
  onClose(): void;
}

/** 审核: every finding of the workbook, grouped by table and severity, each leading to its cells. */
export function ChecksPanel({ findings, error, order, tableName, onPick, onExplain, onClose }: ChecksPanelProps) {
  const [filter, setFilter] = useState<FindingFilter>({ errorsOnly: false, openOnly: false });
  const picked = usePickedFinding();
  const all = findings ?? [];
  const counts = countBySeverity(all);
  const open = all.filter(isOpen).length;
  const groups = groupFindings(all, filter, order);
  const toggle = (key: keyof FindingFilter) => (_: unknown, checked: boolean) => setFilter((f) => ({ ...f, [key]: checked }));
  return (
    <Box data-testid="checks-panel" component="aside" aria-label="审核" sx={{ width: 380, flexShrink: 0, display: 'flex', flexDirection: 'column', borderLeft: '1px solid #dde2e8', bgcolor: '#fff', minHeight: 0 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', px: 1.5, pt: 1 }}>
        <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600, flex: 1 }}>
          审核
        </Typography>
        <Button size="small" onClick={onClose} data-testid="checks-close">
          收起
        </Button>
      </Box>
      <Typography variant="body2" sx={{ px: 1.5 }} data-testid="checks-counts">
        <Box component="span" sx={{ color: SEVERITY_COLOR.错误 }}>错误 {counts.错误}</Box> ·{' '}
        <Box component="span" sx={{ color: SEVERITY_COLOR.需说明 }}>需说明 {counts.需说明}</Box> ·{' '}
        <Box component="span" sx={{ color: SEVERITY_COLOR.提示 }}>提示 {counts.提示}</Box>
        {findings && `（未处理 ${open} 个）`}
      </Typography>
      <Box sx={{ display: 'flex', px: 1, borderBottom: '1px solid #dde2e8' }}>
        <FormControlLabel control={<Checkbox size="small" checked={filter.errorsOnly} onChange={toggle('errorsOnly')} data-testid="checks-only-errors" />} label="只看错误" />
        <FormControlLabel control={<Checkbox size="small" checked={filter.openOnly} onChange={toggle('openOnly')} data-testid="checks-only-open" />} label="只看未说明" />
      </Box>
      {error && (
        <Alert severity="error" sx={{ m: 1 }}>
          {errorText(error)}
        </Alert>
      )}
      {!findings && !error && <LinearProgress />}
      <Box sx={{ overflowY: 'auto', flex: 1, minHeight: 0 }} data-testid="checks-list">
        {findings && groups.length === 0 && (
          <Typography variant="body2" color="text.secondary" sx={{ p: 1.5 }} data-testid="checks-empty">
            {all.length === 0 ? '未发现问题。' : '没有符合筛选条件的问题。'}
          </Typography>
        )}
        {groups.map((g) => (
          <Box key={g.table} component="section" data-testid={`check-group-${g.table || 'none'}`} sx={{ borderBottom: '1px solid #eef0f3' }}>
            <Typography variant="subtitle2" component="h3" sx={{ px: 1.5, pt: 1, position: 'sticky', top: 0, bgcolor: '#f4f6f9', zIndex: 1 }}>
              {g.table ? tableName(g.table) : '其他'}
              <Box component="span" sx={{ fontWeight: 400, color: 'text.secondary', ml: 1 }}>
                {(['错误', '需说明', '提示'] as const).filter((s) => g.counts[s] > 0).map((s) => `${s} ${g.counts[s]}`).join('，')}
              </Box>
            </Typography>
            {g.bySeverity.map(({ severity, findings: list }) => (
              <Box key={severity}>
                <Typography variant="caption" component="h4" sx={{ px: 1.5, display: 'block', color: SEVERITY_COLOR[severity], fontWeight: 600 }}>
                  {severity}（{list.length}）
                </Typography>
                {list.map((f) => (
                  <FindingItem key={f.id} finding={f} picked={picked === f.id} tableName={tableName} onPick={onPick} onExplain={onExplain} />
                ))}
              </Box>
            ))}
          </Box>
        ))}
      </Box>
    </Box>
  );
}
