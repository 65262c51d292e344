import { useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import { fillTemplate } from '../../../shared/tables/layout';
import type { MoneyUnit, TableDef } from '../../../shared/tables/schema';
import type { WorkbookMeta } from '../../../shared/workbook/types';
import { templateVars } from './templateVars';

/** The lines printed above every official table: 附件 number, title, 单位名称 and 金额单位. */
export function TableHeading({ table, meta, unit }: { table: TableDef; meta: WorkbookMeta; unit: MoneyUnit }) {
  const [showGuide, setShowGuide] = useState(false);
  const vars = templateVars(meta);
  const title = fillTemplate(table.title, vars);
  const unitName = table.showUnitName ? fillTemplate(table.unitLine ?? '单位名称：{deptName}', vars) : '';
  return (
    <Box sx={{ pb: 0.5 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', minHeight: 24 }}>
        <Typography data-testid="table-number" sx={{ fontWeight: 600, fontSize: 15, flex: 1 }}>
          {table.number}
        </Typography>
        {table.guide && table.guide.length > 0 && (
          <Button size="small" data-testid="show-guide" onClick={() => setShowGuide(true)}>
            编报说明
          </Button>
        )}
      </Box>
      <Typography component="h2" data-testid="table-title" sx={{ textAlign: 'center', fontWeight: 700, fontSize: 20, letterSpacing: 0.5, my: 0.5 }}>
        {title}
      </Typography>
      <Box sx={{ display: 'flex', alignItems: 'baseline', fontSize: 14, minHeight: 21 }}>
        <Box sx={{ flex: 1 }}>{unitName}</Box>
        {table.showMoneyUnit !== false && <Box data-testid="table-unit">单位：{unit}</Box>}
      </Box>
      {table.guide && (
        <Dialog open={showGuide} onClose={() => setShowGuide(false)} maxWidth="md" fullWidth>
          <DialogTitle>编报说明：{title}</DialogTitle>
          <DialogContent dividers>
            {table.guide.map((line, i) => (
              <Typography key={i} sx={{ mb: 1, lineHeight: 1.8 }}>
                {fillTemplate(line, vars)}
              </Typography>
            ))}
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setShowGuide(false)}>关闭</Button>
          </DialogActions>
        </Dialog>
      )}
    </Box>
  );
}
