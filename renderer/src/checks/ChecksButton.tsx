import Button from '@mui/material/Button';
import Tooltip from '@mui/material/Tooltip';
import type { CheckFinding } from '../../../shared/checks/rule';
import { countBySeverity, isOpen } from './grouping';

/** The toolbar's 审核 button: the counts follow every edit whether or not the panel is open. */
export function ChecksButton({ findings, open, onToggle }: { findings: CheckFinding[] | null; open: boolean; onToggle(): void }) {
  const counts = findings ? countBySeverity(findings) : null;
  const pending = findings ? findings.filter(isOpen).length : 0;
  const label = counts ? `审核 · 错误 ${counts.错误} · 需说明 ${counts.需说明}` : '审核';
  return (
    <Tooltip title={open ? '收起审核结果' : pending > 0 ? `有 ${pending} 个问题待处理，点击查看` : '查看审核结果'}>
      <Button color="inherit" size="small" variant={open ? 'contained' : 'outlined'} onClick={onToggle} data-testid="checks-toggle" aria-pressed={open} sx={open ? { bgcolor: 'rgba(255,255,255,0.2)' } : undefined}>
        {label}
      </Button>
    </Tooltip>
  );
}
