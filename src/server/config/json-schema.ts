import { z } from 'zod';
import { type ConfigKinds, configSchemaFor } from './schema.js';

/** The config's JSON Schema for these kinds, published as config/boards.schema.json for editors. */
export function configJsonSchema(kinds: ConfigKinds): Record<string, unknown> {
  const schema = z.toJSONSchema(configSchemaFor(kinds), { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    ...schema,
    $id: 'https://radiator.invalid/boards.schema.json',
    title: 'Radiator boards, sources and playlists',
    description: 'Generated from src/server/config/schema.ts by `npm run schema`; do not edit by hand.',
  };
}
