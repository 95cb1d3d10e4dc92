// Regenerates config/boards.schema.json and config/fmea.schema.json from the zod schemas (a test fails when either is out of date).
import { writeFileSync } from 'node:fs';
import { builtInKinds } from '../src/server/built-in-kinds.js';
import { configJsonSchema } from '../src/server/config/json-schema.js';
import { fmeaJsonSchema } from '../src/server/fmea/fmea-json-schema.js';

writeFileSync('config/boards.schema.json', `${JSON.stringify(configJsonSchema(builtInKinds), null, 2)}\n`);
console.log('wrote config/boards.schema.json');
writeFileSync('config/fmea.schema.json', `${JSON.stringify(fmeaJsonSchema(), null, 2)}\n`);
console.log('wrote config/fmea.schema.json');
