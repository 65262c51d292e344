import { describe, expect, it } from 'vitest';
import type { CheckFinding } from '../../shared/checks/rule.js';
import { defaultExportPath, exportFileName, withExtension } from '../../renderer/src/export/fileNames.js';
import { openFindingCounts } from '../../renderer/src/export/FindingsSummary.js';

/** What the 导出 dialog proposes and counts: file names by package, the browser host's default path, open findings. */

const meta = { deptName: '株洲市石峰区人民政府办公室', year: 2020 };

describe('export file names', () => {
  it('name the package as its cover does, per part and format', () => {
    expect(exportFileName(meta, 'all', 'docx')).toBe('株洲市石峰区人民政府办公室2020年部门预算.docx');
    expect(exportFileName(meta, 'budget', 'xlsx')).toBe('株洲市石峰区人民政府办公室2020年部门预算公开.xlsx');
    expect(exportFileName(meta, 'performance', 'pdf')).toBe('株洲市石峰区人民政府办公室2020年绩效目标.pdf');
    expect(exportFileName({ deptName: '财政局/国资办', year: 2021 }, 'all', 'docx')).toBe('财政局_国资办2021年部门预算.docx');
  });

  it('go into the data folder’s exports in its own separator style', () => {
    expect(defaultExportPath('/home/clerk/.config/BudgetDesk', 'a.docx')).toBe('/home/clerk/.config/BudgetDesk/exports/a.docx');
    expect(defaultExportPath('C:\\Users\\clerk\\AppData\\Roaming\\BudgetDesk\\', 'a.docx')).toBe('C:\\Users\\clerk\\AppData\\Roaming\\BudgetDesk\\exports\\a.docx');
  });

  it('take the chosen format’s extension, adding one where the typed path has none', () => {
    expect(withExtension('E:\\预算\\上报.docx', 'xlsx')).toBe('E:\\预算\\上报.xlsx');
    expect(withExtension('/mnt/usb/上报', 'docx')).toBe('/mnt/usb/上报.docx');
  });
});

describe('open 审核 findings', () => {
  const finding = (severity: CheckFinding['severity'], explanation?: string): CheckFinding => ({
    id: `${severity}-${explanation ?? ''}`,
    rule: 'r',
    severity,
    message: '',
    table: null,
    row: null,
    column: null,
    cells: [],
    ...(explanation ? { explanation } : {}),
  });
  it('count unexplained errors and 需说明, and hints; an explained finding is no longer open (the 审核情况说明 prints it)', () => {
    const findings = [finding('错误'), finding('错误', '系政策调整，已报财政局同意'), finding('需说明'), finding('需说明', '因机构改革增加'), finding('提示')];
    expect(openFindingCounts(findings)).toEqual({ errors: 1, unexplained: 1, hints: 1 });
  });
});
