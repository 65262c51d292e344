import { describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/run.js';
import { seed001Edits, seed001Facts } from '../fixtures/seed001/load.js';
import { callErr, callOk } from '../helpers/core.js';
import { useTempDirs } from '../helpers/hooks.js';
import type { Core } from '../../electron/core/core.js';

const temp = useTempDirs('budgetdesk-checks-explain-');

async function seed001(core: Core) {
  const state = await callOk(core, 'library.create', { meta: seed001Facts().meta, fileName: 'seed001' });
  await callOk(core, 'workbook.change', { path: state.path, change: { edits: seed001Edits() } });
  return state.path;
}

/** 三公 above last year's: 5.34 against 3 + 1 (a 需说明 finding). */
async function raiseThreePublic(core: Core, file: string) {
  await callOk(core, 'workbook.change', {
    path: file,
    change: { edits: [{ kind: 'setCells', tableId: 'fact-info', cells: [{ rowId: 'info-threePublicPrevReception', col: 'amount', text: '3' }, { rowId: 'info-threePublicPrevVehicle', col: 'amount', text: '1' }] }] },
  });
}

describe('checks.explain', () => {
  it('keeps a 需说明 finding’s 说明 in the workbook: shown with the finding, after a restart, undone in one step', async () => {
    let core = temp.core();
    const file = await seed001(core);
    await raiseThreePublic(core, file);
    const finding = (await callOk(core, 'checks.run', { path: file })).find((f) => f.rule === 'yoy.three-public')!;
    expect(finding.explanation).toBeUndefined();
    const result = await callOk(core, 'checks.explain', { path: file, finding: finding.id, text: '  新增接待上级检查任务，公务接待费增加。\r\n' });
    expect(result.state.undoLabel).toBe('填写审核说明');
    const explained = (await callOk(core, 'checks.run', { path: file })).find((f) => f.id === finding.id)!;
    expect(explained.explanation).toBe('新增接待上级检查任务，公务接待费增加。');
    core = temp.restart(core);
    expect((await callOk(core, 'checks.run', { path: file })).find((f) => f.id === finding.id)!.explanation).toBe('新增接待上级检查任务，公务接待费增加。');
    await callOk(core, 'checks.explain', { path: file, finding: finding.id, text: '接待任务增加。' });
    expect((await callOk(core, 'checks.run', { path: file })).find((f) => f.id === finding.id)!.explanation).toBe('接待任务增加。');
    await callOk(core, 'workbook.undo', { path: file });
    expect((await callOk(core, 'checks.run', { path: file })).find((f) => f.id === finding.id)!.explanation).toBe('新增接待上级检查任务，公务接待费增加。');
    await callOk(core, 'checks.explain', { path: file, finding: finding.id, text: '' });
    expect((await callOk(core, 'checks.run', { path: file })).find((f) => f.id === finding.id)!.explanation).toBeUndefined();
  });

  it('refuses a finding that is not open and a 提示, with a Chinese message', async () => {
    const core = temp.core();
    const file = await seed001(core);
    const missing = await callErr(core, 'checks.explain', { path: file, finding: 'yoy.three-public:all', text: '说明' }, 'NOT_FOUND');
    expect(missing.message).toContain('审核问题');
    const hint = (await callOk(core, 'checks.run', { path: file })).find((f) => f.severity === '提示')!;
    expect((await callErr(core, 'checks.explain', { path: file, finding: hint.id, text: '说明' }, 'VALIDATION')).message).toContain('提示类问题不需要说明');
  });

  it('budgetdesk check: exit 1 while a 错误 is unexplained, 0 once it is explained; the 说明 is printed with it', async () => {
    const core = temp.core();
    const file = await seed001(core);
    await callOk(core, 'workbook.change', { path: file, change: { edits: [{ kind: 'insertRows', tableId: 'fact-income', index: 0, rows: [{ fundSource: '经费拨款', amount: '91.0747' }] }] } });
    const cli = async () => {
      core.closeAll();
      let stdout = '';
      let stderr = '';
      const code = await runCli(['check', file, '--data-dir', core.options.dataDir], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {} });
      return { code, stdout, stderr };
    };
    const before = await cli();
    expect(before.code).toBe(1);
    expect(before.stdout).toContain('错误\t附件1 部门收支总表\t收入总计 600.00 ≠ 支出总计 508.93，相差 91.07 万元。');
    // 附件1 and 附件10 (财政拨款收支总表) both fail to balance.
    expect(before.stderr).toBe('错误：发现 2 个未说明的错误，请按审核结果修改后再报送。\n');
    const errors = (await callOk(core, 'checks.run', { path: file })).filter((f) => f.severity === '错误');
    expect(errors.map((f) => f.rule)).toEqual(['T1.balance', 'T4.balance']);
    await callOk(core, 'checks.explain', { path: file, finding: errors[0]!.id, text: '上级追加拨款尚未安排支出' });
    core.closeAll();
    const half = await cli();
    expect(half.code).toBe(1);
    expect(half.stderr).toBe('错误：发现 1 个未说明的错误，请按审核结果修改后再报送。\n');
    await callOk(core, 'checks.explain', { path: file, finding: errors[1]!.id, text: '上级追加拨款尚未安排支出' });
    const after = await cli();
    expect(after.code).toBe(0);
    expect(after.stdout).toContain('相差 91.07 万元。收支总表的收入总计应等于支出总计。\t说明：上级追加拨款尚未安排支出');
  });
});
