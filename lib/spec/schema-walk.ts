import type { z } from 'zod';
import { blueprintSpecSchema } from './blueprint-schema';

/** A zod schema's internals as far as tierup reads them (zod 4 `def`). */
interface SchemaDef {
  readonly type: string;
  readonly innerType?: z.ZodType;
  readonly in?: z.ZodType;
  readonly shape?: Record<string, z.ZodType>;
  readonly element?: z.ZodType;
  readonly options?: readonly z.ZodType[];
  readonly entries?: Record<string, string | number>;
  readonly values?: readonly unknown[];
}

function defOf(schema: z.ZodType): SchemaDef {
  return (schema as unknown as { def: SchemaDef }).def;
}

/** The schema without optional/default/prefault/nullable/pipe wrappers. */
export function unwrapSchema(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (let def = defOf(current); ['optional', 'default', 'prefault', 'nullable', 'pipe'].includes(def.type); def = defOf(current)) {
    current = (def.innerType ?? def.in)!;
  }
  return current;
}

/** The blueprint schema of the field at `path` (list indices step into elements), or undefined. */
export function schemaAt(path: readonly (string | number)[]): z.ZodType | undefined {
  let schema: z.ZodType | undefined = blueprintSpecSchema;
  for (const segment of path) {
    const def = defOf(unwrapSchema(schema));
    if (def.type === 'object' && def.shape && typeof segment === 'string') schema = def.shape[segment];
    else if (def.type === 'array' && def.element) schema = def.element;
    else if (def.type === 'record' && typeof segment === 'string') schema = (def as unknown as { valueType: z.ZodType }).valueType;
    else return undefined;
    if (!schema) return undefined;
  }
  return schema;
}

/** The field names an object at `path` accepts ([] when it is not an object). */
export function allowedKeysAt(path: readonly (string | number)[]): string[] {
  const schema = schemaAt(path);
  const def = schema && defOf(unwrapSchema(schema));
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

/**
 * The values a field accepts when it is an enum, a literal, or a union of those and small integer
 * ranges (`level`: 1-7 or a name); [] for free-form fields. Generic, so every enum gets the same errors.
 */
export function choicesOf(schema: z.ZodType): (string | number)[] {
  const inner = unwrapSchema(schema);
  const def = defOf(inner);
  switch (def.type) {
    case 'enum':
      return Object.values(def.entries ?? {});
    case 'literal':
      return (def.values ?? []).filter((value): value is string | number => typeof value === 'string' || typeof value === 'number');
    case 'union':
      return [...new Set((def.options ?? []).flatMap((option) => choicesOf(option)))];
    case 'number': {
      const { minValue, maxValue, isInt } = inner as unknown as { minValue: number | null; maxValue: number | null; isInt: boolean };
      if (!isInt || minValue === null || maxValue === null || maxValue - minValue > 20) return [];
      return Array.from({ length: maxValue - minValue + 1 }, (_, index) => minValue + index);
    }
    default:
      return [];
  }
}

/** Whether `value` is accepted by the field at `path` on its own. */
export function acceptsAt(path: readonly (string | number)[], value: unknown): boolean {
  const schema = schemaAt(path);
  return schema !== undefined && schema.safeParse(value).success;
}

/** "1-7, single-server, cache": choices for a message, runs of integers collapsed. */
export function describeChoices(choices: readonly (string | number)[]): string {
  const parts: string[] = [];
  for (let index = 0; index < choices.length; index++) {
    const value = choices[index];
    let end = index;
    while (typeof value === 'number' && choices[end + 1] === (choices[end] as number) + 1) end++;
    parts.push(end - index >= 2 ? `${value}-${String(choices[end])}` : String(value));
    if (end - index >= 2) index = end;
  }
  return parts.join(', ');
}
