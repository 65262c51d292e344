import { useEffect, useState } from 'react';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { TableSetListEntry } from '../../../shared/api/contract';
import { call } from '../api/client';
import { errorText } from '../api/messages';

/**
 * The workbook's table set in 工作簿信息: which set it prints with, a choice of the loaded sets (the facts
 * stay, the published tables follow the set), and a set file the finance bureau issued, imported by path
 * into the data folder (a browser page cannot show the system file dialog).
 */
export function TableSetField({ value, onChange }: { value: string; onChange(id: string): void }) {
  const [sets, setSets] = useState<TableSetListEntry[]>([]);
  const [file, setFile] = useState('');
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void call('tablesets.list', {}).then((r) => r.ok && setSets(r.value));
  }, []);

  const importFile = async () => {
    const clean = file.trim().replace(/^"(.*)"$/, '$1');
    if (clean === '') return setMessage({ error: true, text: '请输入表格套文件（.json）的完整路径，例如 D:\\财政局下发\\2025年表格套.json' });
    setBusy(true);
    const r = await call('tablesets.import', { file: clean });
    setBusy(false);
    if (!r.ok) return setMessage({ error: true, text: errorText(r.error) });
    const list = await call('tablesets.list', {});
    if (list.ok) setSets(list.value);
    setMessage({ error: false, text: `已导入“${r.value.name}”（${r.value.tables.length} 张表），并选为本工作簿的表格套表。` });
    setFile('');
    onChange(r.value.id);
  };

  const current = sets.find((s) => s.id === value);
  return (
    <Stack spacing={1}>
      <TextField
        select
        name="tableSetId"
        label="表格套表"
        value={current ? value : ''}
        onChange={(e) => onChange(e.target.value)}
        helperText="公开文件所用的表样。换用另一套后，已录入的数据不变，各表按新的表样生成。"
      >
        {sets.map((s) => (
          <MenuItem key={s.id} value={s.id} data-testid={`tableset-${s.id}`}>
            {s.name}（{s.region}，{s.tables.length} 张表{s.builtIn ? '' : '，已导入'}）
          </MenuItem>
        ))}
      </TextField>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
        <TextField
          name="tableSetFile"
          size="small"
          fullWidth
          label="导入表格套文件"
          placeholder="财政局下发的表格套文件路径（.json）"
          value={file}
          onChange={(e) => setFile(e.target.value)}
        />
        <Button variant="outlined" data-testid="import-tableset" disabled={busy} onClick={() => void importFile()} sx={{ whiteSpace: 'nowrap', mt: '1px' }}>
          导入
        </Button>
      </Stack>
      {message && (
        <Typography variant="body2" color={message.error ? 'error' : 'text.secondary'} data-testid="tableset-message">
          {message.text}
        </Typography>
      )}
    </Stack>
  );
}
