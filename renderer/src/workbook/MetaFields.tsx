import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import type { MoneyUnit } from '../../../shared/tables/schema';
import type { MetaDraft, MetaErrors } from './metaForm';

const UNIT_CHOICES: MoneyUnit[] = ['万元', '元'];

/** The workbook-info fields shared by the 新建 and 工作簿信息 dialogs; input names are stable test hooks. */
export function MetaFields({ draft, errors, onChange }: { draft: MetaDraft; errors: MetaErrors; onChange(next: MetaDraft): void }) {
  const set = <K extends keyof MetaDraft>(key: K, value: MetaDraft[K]) => onChange({ ...draft, [key]: value });
  return (
    <Stack spacing={2} sx={{ pt: 1 }}>
      <TextField
        name="deptName"
        label="部门名称"
        required
        autoFocus
        value={draft.deptName}
        onChange={(e) => set('deptName', e.target.value)}
        error={Boolean(errors.deptName)}
        helperText={errors.deptName ?? '与公开文件中的部门全称一致，例如：株洲市石峰区人民政府办公室'}
      />
      <Stack direction="row" spacing={2}>
        <TextField
          name="year"
          label="年度"
          required
          value={draft.year}
          onChange={(e) => set('year', e.target.value)}
          error={Boolean(errors.year)}
          helperText={errors.year ?? '预算年度'}
          slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 6 } }}
          sx={{ flex: 1 }}
        />
        <TextField
          select
          name="moneyUnit"
          label="金额单位"
          value={draft.moneyUnit}
          onChange={(e) => set('moneyUnit', e.target.value as MoneyUnit)}
          helperText="表格显示和录入所用单位"
          sx={{ flex: 1 }}
        >
          {UNIT_CHOICES.map((u) => (
            <MenuItem key={u} value={u}>
              {u}
            </MenuItem>
          ))}
        </TextField>
      </Stack>
      <Stack direction="row" spacing={2}>
        <TextField
          name="unitCode"
          label="单位编码"
          value={draft.unitCode}
          onChange={(e) => set('unitCode', e.target.value)}
          error={Boolean(errors.unitCode)}
          helperText={errors.unitCode ?? '可不填'}
          sx={{ flex: 1 }}
        />
        <TextField
          name="scope"
          label="编报范围"
          value={draft.scope}
          onChange={(e) => set('scope', e.target.value)}
          error={Boolean(errors.scope)}
          helperText={errors.scope ?? '如：本级、汇总（含下属单位）'}
          sx={{ flex: 1 }}
        />
      </Stack>
    </Stack>
  );
}
