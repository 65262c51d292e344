// `npm run tablesets:schema`: writes the JSON Schema of a table-set file beside the built-in sets.
import { writeFileSync } from 'node:fs';
import { tableSetJsonSchemaFile } from '../shared/tables/json-schema.js';

const target = new URL('../shared/tables/sets/tableset.schema.json', import.meta.url);
writeFileSync(target, tableSetJsonSchemaFile());
console.log('[tablesets:schema] 已生成 shared/tables/sets/tableset.schema.json');
