import { fillTemplate, type TemplateVars } from '../../../shared/tables/layout';
import type { TableDef } from '../../../shared/tables/schema';

const UNGROUPED = '其他表格';

export interface NavGroup {
  name: string;
  entries: { id: string; label: string; number: string | undefined }[];
}

/** The side list: tables grouped as their set lists them, in the set's own order, each under its short title. */
export function navGroups(tables: readonly TableDef[], vars: TemplateVars): NavGroup[] {
  const groups: NavGroup[] = [];
  for (const t of tables) {
    const name = t.group ?? UNGROUPED;
    let group = groups.find((g) => g.name === name);
    if (!group) groups.push((group = { name, entries: [] }));
    group.entries.push({ id: t.id, label: fillTemplate(t.shortTitle ?? t.title, vars), number: t.number || undefined });
  }
  return groups;
}
