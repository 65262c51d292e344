import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import { severityLabels, type Finding } from '../../../shared/perf/findings';

const SEVERITY_STYLE = { error: { icon: '⛔', color: '#c62828' }, warning: { icon: '⚠', color: '#ed6c02' }, hint: { icon: 'ℹ', color: '#0277bd' } } as const;

/** 质量检查 results; each finding jumps to the project and indicator row it names. */
export function LintPanel({ findings, onPick, onClose }: { findings: readonly Finding[]; onPick(f: Finding): void; onClose(): void }) {
  return (
    <Box data-testid="lint-panel" sx={{ border: '1px solid #dde2e8', bgcolor: '#fff', borderRadius: 1, maxHeight: 220, display: 'flex', flexDirection: 'column' }}>
      <Box sx={{ display: 'flex', alignItems: 'center', px: 1.5, py: 0.5, borderBottom: '1px solid #dde2e8' }}>
        <Typography variant="subtitle2" sx={{ flex: 1 }}>
          质量检查：{findings.length === 0 ? '未发现问题' : `${findings.length} 个问题`}
        </Typography>
        <Button size="small" onClick={onClose}>
          收起
        </Button>
      </Box>
      <List dense disablePadding sx={{ overflowY: 'auto' }}>
        {findings.map((f) => (
          <ListItemButton key={f.id} data-testid="lint-finding" onClick={() => onPick(f)}>
            <Box component="span" title={severityLabels[f.severity]} aria-label={severityLabels[f.severity]} sx={{ color: SEVERITY_STYLE[f.severity].color, mr: 1, fontSize: 16 }}>
              {SEVERITY_STYLE[f.severity].icon}
            </Box>
            <ListItemText primary={f.message} secondary={f.where} slotProps={{ primary: { sx: { fontSize: 14 } }, secondary: { sx: { fontSize: 12 } } }} />
          </ListItemButton>
        ))}
      </List>
    </Box>
  );
}
