// Regenerates config/boards.schema.json from the zod schema (a test fails when it is out of date).
import { writeFileSync } from 'node:fs';
import { builtInKinds } from '../src/server/built-in-kinds.js';
import { configJsonSchema } from '../src/server/config/json-schema.js';

writeFileSync('config/boards.schema.json', `${JSON.stringify(configJsonSchema(builtInKinds), null, 2)}\n`);
console.log('wrote config/boards.schema.json');
