/** 政府收支分类科目 lists: 支出功能分类, 部门预算支出经济分类, 政府预算支出经济分类. */

export const codeKinds = ['function', 'econDept', 'econGov'] as const;
export type CodeKind = (typeof codeKinds)[number];

export const codeKindLabels: Record<CodeKind, string> = {
  function: '支出功能分类科目',
  econDept: '部门预算支出经济分类科目',
  econGov: '政府预算支出经济分类科目',
};

export type CodeLevel = '类' | '款' | '项';

export interface CodeEntry {
  code: string;
  name: string;
  /** Names printed in provincial lists or published tables that differ from the official one. */
  variants?: string[];
  /** Names this code had in an earlier year's list (a table still using one has a stale name). */
  former?: string[];
  /** 经济分类 款 only: what it is spent on (an econRole of shared/tables/vocabulary.ts), when the list says. */
  role?: string;
}

export interface CodeList {
  kind: CodeKind;
  year: number;
  entries: CodeEntry[];
  /**
   * 'builtin': shipped with the app; 'imported': the finance bureau's list, imported by the user;
   * 'set': issued with the table set (its `codeLists`).
   */
  source: 'builtin' | 'imported' | 'set';
}
