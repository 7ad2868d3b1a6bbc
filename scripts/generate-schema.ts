/**
 * `npm run schema`: writes `schema/ccwf.schema.json` from the key table (`src/core/model/keys.ts`).
 * Run it after changing a key; the unit tests fail while the shipped file differs.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ccwfJsonSchemaText } from '../src/core/model/json-schema.js';

const target = fileURLToPath(new URL('../schema/ccwf.schema.json', import.meta.url));
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, ccwfJsonSchemaText());
console.log(`wrote ${relative(process.cwd(), target) || target}`);
