import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Committed } from '../../electron/core/commit.js';
import { PERF_TABLES } from '../../shared/perf/binding.js';
import { callOk } from '../helpers/core.js';
import { useTempDirs } from '../helpers/hooks.js';

const temp = useTempDirs('budgetdesk-commit-');

describe('one commit path', () => {
  it('every changing method, 绩效 ones included, is heard once by the commit listeners with the tables it changed', async () => {
    const core = temp.core();
    const heard: { label: string | undefined; revision: number; tables: string[]; edits: number | undefined }[] = [];
    core.commits.listen(({ result, change }: Committed) =>
      heard.push({ label: change?.label, revision: result.state.revision, tables: result.tablesChanged, edits: change?.edits.length }),
    );
    const created = await callOk(core, 'library.create', { meta: { deptName: '区政府办', year: 2023, tableSetId: 'district-2023-project' } });
    const file = created.path;
    const projects = await callOk(core, 'workbook.change', {
      path: file,
      change: { label: '新增项目', edits: [{ kind: 'insertRows', tableId: PERF_TABLES.projects, index: 0, rows: [{ name: '政府全会经费', amount: '20' }, { name: '督查经费', amount: '5' }] }] },
    });
    const [first, second] = projects.insertedRowIds;
    const pasted = await callOk(core, 'perf.indicators.paste', {
      path: file,
      owner: first!,
      rows: [{ level1: '产出指标', level2: '数量指标', name: '召开全会次数', value: '≥4次' }],
    });
    await callOk(core, 'perf.indicators.setValue', { path: file, rowId: pasted.insertedRowIds[0]!, text: '≥6次' });
    await callOk(core, 'perf.copyIndicators', { path: file, fromOwner: first!, toOwner: second! });
    await callOk(core, 'workbook.undo', { path: file });
    await callOk(core, 'workbook.redo', { path: file });

    expect(heard).toEqual([
      { label: '新增项目', revision: 1, tables: [PERF_TABLES.projects], edits: 1 },
      { label: '粘贴绩效指标（1条）', revision: 2, tables: [PERF_TABLES.indicators], edits: 1 },
      { label: '修改指标值', revision: 3, tables: [PERF_TABLES.indicators], edits: 1 },
      { label: '复制绩效指标（1条）', revision: 4, tables: [PERF_TABLES.indicators], edits: 1 },
      { label: undefined, revision: 5, tables: [PERF_TABLES.indicators], edits: undefined },
      { label: undefined, revision: 6, tables: [PERF_TABLES.indicators], edits: undefined },
    ]);
  });

  it('no handler changes a workbook except through core.commits', () => {
    const dir = new URL('../../electron/core/handlers/', import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
    expect(files).toContain('perf.ts');
    for (const file of files) {
      const text = readFileSync(new URL(file, dir), 'utf8');
      expect([file, /\b(wb|target|workbook\([^)]*\))\.(change|undo|redo|applyBulk)\(/.test(text)]).toEqual([file, false]);
    }
  });
});
