import { useMemo, useState } from 'react';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';

/** One line of an import report, as import.run returns it and as the workbook keeps it (import-report rows). */
export interface ReportLine {
  kind: string;
  place: string;
  text: string;
  target: string;
  note: string;
}

/** Kinds that need the clerk's eye first. */
const ATTENTION = new Set(['未识别', '未还原', '未导入', '假设']);
const MAX_TEXT = 300;

/**
 * The report's lines with a filter by kind (未识别, 假设 … first): everything read, where it went, every
 * assumption, and everything not recognised with its original text, place and reason.
 */
export function ReportTable({ lines }: { lines: ReportLine[] }) {
  const kinds = useMemo(() => {
    const counts = new Map<string, number>();
    for (const l of lines) counts.set(l.kind, (counts.get(l.kind) ?? 0) + 1);
    return [...counts].sort((a, b) => Number(ATTENTION.has(b[0])) - Number(ATTENTION.has(a[0])));
  }, [lines]);
  const [kind, setKind] = useState<string | null>(null);
  const shown = kind === null ? lines : lines.filter((l) => l.kind === kind);
  if (lines.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        报告为空。
      </Typography>
    );
  }
  return (
    <Box data-testid="import-report">
      <Stack direction="row" spacing={1} sx={{ mb: 1, flexWrap: 'wrap', rowGap: 1 }}>
        <Chip label={`全部（${lines.length}）`} color={kind === null ? 'primary' : 'default'} onClick={() => setKind(null)} data-testid="report-filter-all" />
        {kinds.map(([k, n]) => (
          <Chip
            key={k}
            label={`${k}（${n}）`}
            color={kind === k ? 'primary' : ATTENTION.has(k) ? 'warning' : 'default'}
            variant={kind === k ? 'filled' : 'outlined'}
            onClick={() => setKind(k)}
            data-testid={`report-filter-${k}`}
          />
        ))}
      </Stack>
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>类别</TableCell>
            <TableCell>位置</TableCell>
            <TableCell>原文</TableCell>
            <TableCell>去向</TableCell>
            <TableCell>说明</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {shown.map((l, i) => (
            <TableRow key={i} data-testid="report-line" data-kind={l.kind}>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{l.kind}</TableCell>
              <TableCell>{l.place}</TableCell>
              <TableCell sx={{ wordBreak: 'break-all' }}>{l.text.length > MAX_TEXT ? `${l.text.slice(0, MAX_TEXT)}…` : l.text}</TableCell>
              <TableCell>{l.target}</TableCell>
              <TableCell>{l.note}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
