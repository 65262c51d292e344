import type { ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { ImportPreview } from '../../../shared/import/preview';
import { isWorkbookPreview, kindLabel, layoutName, percentText, performanceLine, placeInSet, readSummary, setLine, totalText } from '../../../shared/import/preview-labels';

function Section({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <Box component="section" data-testid={testId} sx={{ mt: 2 }}>
      <Typography variant="subtitle2" component="h3" sx={{ mb: 0.5 }}>
        {title}
      </Typography>
      {children}
    </Box>
  );
}

/**
 * What a file would give, before anything is written: the set it fits and how sure, every table with the
 * layout it was recognised as (place in the set, rows, printed 合计), the 说明 sections, and every item not
 * recognised with its place and the reason.
 */
export function PreviewView({ preview, workbookSet }: { preview: ImportPreview; workbookSet?: { id: string; name: string } }) {
  const p = preview;
  return (
    <Box data-testid="import-preview">
      <Stack spacing={0.5}>
        <Typography variant="body2" data-testid="preview-file">
          文件：{p.file}（{kindLabel(p)}）
        </Typography>
        {p.deptName && (
          <Typography variant="body2" data-testid="preview-dept">
            单位名称：{p.deptName}
          </Typography>
        )}
        <Typography variant="body2" data-testid="preview-year">
          文件年度：{p.fileYear === null ? '未找到（表格标题中没有年份）' : `${p.fileYear} 年`}
        </Typography>
        <Typography variant="body2" data-testid="preview-set">
          表格套表：{setLine(p)}
        </Typography>
        {p.otherSets.length > 0 && (
          <Typography variant="body2" color="text.secondary">
            其他套表：{p.otherSets.map((s) => `${s.name} 识别 ${s.matched} 张`).join('；')}
          </Typography>
        )}
        <Typography variant="body2" data-testid="preview-cells">
          已识别单元格：{p.read} / {p.cells}（{percentText(p.read, p.cells)}）
        </Typography>
      </Stack>
      {workbookSet && p.set && p.set.id !== workbookSet.id && (
        <Alert severity="warning" sx={{ mt: 1 }} data-testid="preview-set-differs">
          {isWorkbookPreview(p)
            ? `文件用的是“${p.set.name}”，本工作簿用的是“${workbookSet.name}”：表格套不同，不能并入本工作簿，请导入为新工作簿。`
            : `文件更符合“${p.set.name}”，本工作簿用的是“${workbookSet.name}”：导入时只按本工作簿的套表识别，其余表格不会导入。`}
        </Alert>
      )}
      {p.unrecognised.length > 0 ? (
        <Alert severity="warning" sx={{ mt: 1 }}>
          有 {p.unrecognised.length} 处内容未能识别，导入时不会读入，详见下方“未识别的内容”。
        </Alert>
      ) : (
        <Alert severity="success" sx={{ mt: 1 }} data-testid="preview-all-recognised">
          {isWorkbookPreview(p) ? '文件是预算编报台的工作簿数据，其中的表格、项目、绩效指标和说明文字全部可以导入。' : '文件中的表格内容全部识别。'}
        </Alert>
      )}

      <Section title={`表格（${p.tables.length} 张）`} testId="preview-tables">
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>文件中的位置</TableCell>
              <TableCell>文件中的标题</TableCell>
              <TableCell>识别为</TableCell>
              <TableCell align="right">匹配度</TableCell>
              <TableCell align="right">内容</TableCell>
              <TableCell align="right">合计</TableCell>
              <TableCell align="right">未识别</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {p.tables.map((t) => (
              <TableRow key={t.where} data-testid="preview-table" data-table-id={t.tableId ?? ''}>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{t.where}</TableCell>
                <TableCell>{t.sourceTitle || '（无标题）'}</TableCell>
                <TableCell>
                  {t.tableId === null ? (
                    <Chip size="small" color="warning" label="未识别" />
                  ) : (
                    <>
                      {layoutName(t)}
                      <Typography component="span" variant="caption" color="text.secondary">
                        {' '}
                        （{placeInSet(t)}）
                      </Typography>
                    </>
                  )}
                </TableCell>
                <TableCell align="right">{t.tableId === null ? '—' : percentText(t.score, 1)}</TableCell>
                <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                  {readSummary(t)}
                </TableCell>
                <TableCell align="right" sx={{ whiteSpace: 'nowrap' }} data-testid="preview-table-total">
                  {totalText(t)}
                </TableCell>
                <TableCell align="right">{t.unread > 0 ? t.unread : ''}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        {p.missing.length > 0 && (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }} data-testid="preview-missing">
            套表中有、文件中没有的表（导入后为空）：{p.missing.map(layoutName).join('、')}
          </Typography>
        )}
      </Section>

      {p.performance && (
        <Section title="绩效目标" testId="preview-performance">
          <Typography variant="body2">{performanceLine(p)}</Typography>
          {p.performance.projects.length > 0 && (
            <Typography variant="body2" color="text.secondary">
              项目：{p.performance.projects.map((x) => `${x.name}（${x.indicators} 条指标）`).join('、')}
            </Typography>
          )}
        </Section>
      )}

      <Section title={`说明部分（${p.narrative.length} 节）`} testId="preview-narrative">
        {p.narrative.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            文件中没有找到“部门预算公开说明”的各节。
          </Typography>
        ) : (
          <Box component="ul" sx={{ m: 0, pl: 3 }}>
            {p.narrative.map((s) => (
              <Typography component="li" variant="body2" key={s.heading} data-testid="preview-narrative-section">
                {s.heading}（{s.paragraphs} 段，{s.chars} 字）
              </Typography>
            ))}
          </Box>
        )}
      </Section>

      <Section title={`未识别的内容（${p.unrecognised.length} 处）`} testId="preview-unrecognised">
        {p.unrecognised.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            无
          </Typography>
        ) : (
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>位置</TableCell>
                <TableCell>原文</TableCell>
                <TableCell>原因</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {p.unrecognised.map((u, i) => (
                <TableRow key={i} data-testid="unrecognised-item">
                  <TableCell>{u.place}</TableCell>
                  <TableCell sx={{ wordBreak: 'break-all' }}>{u.text}</TableCell>
                  <TableCell>{u.reason}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Section>
    </Box>
  );
}
