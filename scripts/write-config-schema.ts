// Regenerates config/boards.schema.json from the zod schema (a test fails when it is out of date).
import { writeFileSync } from 'node:fs';
import { configJsonSchema } from '../src/server/config/json-schema.js';

writeFileSync('config/boards.schema.json', `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
console.log('wrote config/boards.schema.json');
