import { z } from 'zod';
import { tableSetFileSchema } from './schema.js';

/**
 * The JSON Schema of a table-set file, generated from the zod shapes, so an editor (VS Code, WPS's JSON
 * view …) completes and checks a set file. `npm run tablesets:schema` writes it to
 * shared/tables/sets/tableset.schema.json; a unit test fails when that file is out of date.
 */
export function tableSetJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(tableSetFileSchema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' });
  return { ...schema, title: 'BudgetDesk 表格套（部门预算公开表格定义）' };
}

export function tableSetJsonSchemaFile(): string {
  return `${JSON.stringify(tableSetJsonSchema(), null, 2)}\n`;
}
