import { z } from 'zod';
import { fmeaDocumentSchema } from './fmea-document.js';

/** The FMEA document's JSON Schema, published as config/fmea.schema.json for editors. */
export function fmeaJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(fmeaDocumentSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    ...schema,
    $id: 'https://radiator.invalid/fmea.schema.json',
    title: 'Radiator FMEA document',
    description: 'Generated from src/server/fmea/fmea-document.ts by `npm run schema`; do not edit by hand. The RPN is computed, never typed.',
  };
}
