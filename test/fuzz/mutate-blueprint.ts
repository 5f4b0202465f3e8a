import fc from 'fast-check';

/** A path into a blueprint object. */
export type Path = readonly (string | number)[];

/** Every path to a key or list item in a value, parents before children. */
export function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => [[...prefix, index], ...pathsOf(item, [...prefix, index])]);
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => [[...prefix, key], ...pathsOf(item, [...prefix, key])]);
  }
  return [];
}

/** Values a careless or hostile edit may put anywhere: wrong types, extremes, odd strings. */
export const oddValues = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1, 2, 7, 15, 16, 1e9, -1e9, 0.5, Number.MAX_SAFE_INTEGER),
  fc.constantFrom('', ' ', 'ü', 'a'.repeat(300), '../../etc/passwd', '${jndi:x}', 'line\nbreak', '10.0.0.0/8', 'us-east-1', 'fleet', '*', '/x/*', 'db.t4g.micro'),
  fc.constantFrom([], {}, [1, 2], { x: 1 }, ['a']),
  fc.string({ maxLength: 12 }),
  fc.integer({ min: -10, max: 100_000 }),
);

/** One edit of a blueprint. */
export type Mutation =
  | { readonly kind: 'delete'; readonly at: number }
  | { readonly kind: 'replace'; readonly at: number; readonly value: unknown }
  | { readonly kind: 'add-key'; readonly at: number; readonly key: string; readonly value: unknown };

/** A mutation; `at` picks a path modulo the number of paths the blueprint has. */
export const mutations: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value: oddValues }),
  fc.record({ kind: fc.constant('add-key' as const), at: fc.nat(), key: fc.constantFrom('extra', 'min', 'max', 'replicas', 'name', 'level'), value: oddValues }),
);

/** Applies mutations to a deep copy of a blueprint object. */
export function mutate(blueprint: Record<string, unknown>, edits: readonly Mutation[]): Record<string, unknown> {
  const copy = structuredClone(blueprint);
  for (const edit of edits) {
    const paths = pathsOf(copy);
    if (paths.length === 0) break;
    const path = paths[edit.at % paths.length];
    const parent = path.slice(0, -1).reduce<any>((node, key) => node[key], copy);
    const key = path[path.length - 1];
    if (edit.kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
    } else if (edit.kind === 'replace') {
      parent[key] = edit.value;
    } else {
      const target = parent[key];
      if (typeof target === 'object' && target !== null && !Array.isArray(target)) target[edit.key] = edit.value;
      else parent[key] = { [edit.key]: edit.value };
    }
  }
  return copy;
}
