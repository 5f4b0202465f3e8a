import { z } from 'zod';
import { blueprintSpecSchema } from './blueprint-schema';

/** The JSON Schema of blueprint format version 1, for editors (yaml-language-server) and other tools. */
export function blueprintJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(blueprintSpecSchema, { io: 'input', target: 'draft-7' }),
    $id: 'https://tierup.dev/schema/blueprint.schema.json',
    title: 'tierup blueprint (format version 1)',
  };
}
