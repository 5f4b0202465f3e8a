import { dirname, relative, resolve } from 'node:path';

/** The JSON Schema tierup ships (dist/lib/cli → schema/). */
const SHIPPED_SCHEMA = resolve(__dirname, '../../../schema/blueprint.schema.json');

/**
 * The `$schema` reference a blueprint written to `file` (or printed, when undefined: the current directory)
 * carries: the shipped schema's path relative to it, which resolves in editors wherever tierup is installed.
 */
export function schemaReferenceFor(file: string | undefined): string {
  const from = file ? dirname(resolve(file)) : process.cwd();
  const reference = relative(from, SHIPPED_SCHEMA).split('\\').join('/');
  return reference.startsWith('.') ? reference : `./${reference}`;
}
