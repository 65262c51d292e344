/**
 * What a layout is, whatever a province calls or numbers it: the cross-table checks (shared/checks) name
 * tables by role, so one rule serves 湖南 附件1–17, the national 9 tables and any other set.
 * (DOMAIN §6 calls them T1–T9.)
 */
export const tableRoles = [
  /** T1 部门收支总表 */
  'incomeExpense',
  /** T2 部门收入总表 */
  'income',
  /** T3 部门支出总表 */
  'expense',
  /** T4 财政拨款收支总表 */
  'fiscal',
  /** T5 一般公共预算支出表 */
  'generalExpense',
  /** T6 政府性基金预算支出表 */
  'fundExpense',
  /** T7 国有资本经营预算支出表 */
  'capitalExpense',
  /** T8 一般公共预算基本支出表 */
  'generalBasic',
  /** T9 “三公”经费支出表 */
  'threePublic',
  /** 项目支出预算明细表 */
  'projectExpense',
] as const;
export type TableRole = (typeof tableRoles)[number];
