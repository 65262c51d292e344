import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import { columnLabel, fillTemplate } from '../../../shared/tables/layout';
import type { TableDef } from '../../../shared/tables/schema';
import type { WorkbookMeta } from '../../../shared/workbook/types';
import { gridColumns } from '../grid/columns';
import { gridSx } from '../grid/gridStyles';
import { HeaderRows } from '../grid/HeaderRows';
import { templateVars } from './templateVars';

type FormBody = Extract<TableDef['body'], { kind: 'form' }>;

/** Tables computed from the budget facts and forms not yet editable: the printed layout only, never invented numbers. */
export function ReadOnlyTable({ table, meta }: { table: TableDef; meta: WorkbookMeta }) {
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1, minHeight: 0, flex: 1 }}>
      <Alert severity="info" data-testid="derived-note">
        此表将由预算数据自动生成（后续版本提供）
      </Alert>
      <Box sx={{ ...gridSx, flex: '0 1 auto', maxHeight: '100%', width: 'fit-content', maxWidth: '100%' }}>
        {table.body.kind === 'form' ? <FormLayout body={table.body} meta={meta} /> : <HeaderOnly table={table} />}
      </Box>
    </Box>
  );
}

function HeaderOnly({ table }: { table: TableDef }) {
  if (table.header.length === 0) return null;
  const columns = gridColumns(table);
  const width = columns.reduce((sum, c) => sum + c.width, 0);
  return (
    <table style={{ width }}>
      <colgroup>
        {columns.map((c) => (
          <col key={c.key} style={{ width: c.width }} />
        ))}
      </colgroup>
      <thead>
        <HeaderRows header={table.header} gutter={false} numberRow={table.numberRow} />
      </thead>
    </table>
  );
}

/** A form's labelled cells with their merges; value cells stay empty until the form editor exists. */
function FormLayout({ body, meta }: { body: FormBody; meta: WorkbookMeta }) {
  const vars = templateVars(meta);
  const colWidth = Math.max(120, Math.floor(960 / body.gridColumns));
  return (
    <table style={{ width: colWidth * body.gridColumns }}>
      <colgroup>
        {Array.from({ length: body.gridColumns }, (_, i) => (
          <col key={i} style={{ width: colWidth }} />
        ))}
      </colgroup>
      <tbody>
        {body.sections.flatMap((section, s) => {
          if (section.kind === 'cells') {
            return section.rows.map((row, r) => (
              <tr key={`${s}-${r}`} style={{ height: 32 }}>
                {row.map((cell, c) => (
                  <td
                    key={c}
                    colSpan={cell.colSpan}
                    rowSpan={cell.rowSpan}
                    style={{ padding: '4px 8px', fontWeight: cell.bold ? 600 : undefined, textAlign: cell.field ? 'left' : 'center', background: cell.field ? '#fff' : '#f6f8fb' }}
                  >
                    {cell.text ? fillTemplate(cell.text, vars) : ''}
                  </td>
                ))}
              </tr>
            ));
          }
          const visible = section.columns.filter((c) => !c.hidden);
          const spans = section.columnSpans ?? visible.map(() => 1);
          return [
            <tr key={`${s}-list`} style={{ height: 32 }}>
              {visible.map((c, i) => (
                <td key={c.key} colSpan={spans[i]} style={{ padding: '4px 8px', textAlign: 'center', fontWeight: 600, background: '#eef2f7' }}>
                  {section.header ? columnLabel({ header: section.header }, c.key).replace(c.key, '') : ''}
                </td>
              ))}
            </tr>,
          ];
        })}
      </tbody>
    </table>
  );
}
