import { z } from 'zod';
import { configSchema } from './schema.js';

/** The config's JSON Schema, published as config/boards.schema.json for editors. */
export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    ...schema,
    $id: 'https://radiator.invalid/boards.schema.json',
    title: 'Radiator boards, sources and playlists',
    description: 'Generated from src/server/config/schema.ts by `npm run schema`; do not edit by hand.',
  };
}
