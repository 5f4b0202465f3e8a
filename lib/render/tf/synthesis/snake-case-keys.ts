// SPDX-License-Identifier: MPL-2.0
// This file is a Modification of cdktf 0.21.0 (Copyright (c) HashiCorp, Inc.), ported from its compiled source, and
// stays under the Mozilla Public License 2.0 (https://mozilla.org/MPL/2.0/), as MPL-2.0 section 3.1 requires; the
// rest of tierup is Apache-2.0 (package.json), combined with it as a Larger Work (section 3.3).
/**
 * A port of cdktf 0.21.0's `keysToSnakeCase` (`cdktf/lib/util.js`) that remembers each key's snake case.
 * cdktf converts the meta-arguments of every resource and data source (`dependsOn`, `count`, `provider`,
 * `lifecycle`, `forEach`, `connection`, and the lifecycle's own keys) with three regular-expression replacements
 * per key, every synthesis: 6% of tierup's Terraform synthesis for the same few dozen keys. `snakeCase` is a
 * function of its string alone, so remembering it changes nothing; the rest is cdktf's code as written.
 * `cdktf-shortcuts.ts` installs it after its checks, only during tierup's synthesis.
 */

/** What the port calls in cdktf. */
export interface CdktfSnakeCaseInternals {
  readonly isResolvable: (x: unknown) => boolean;
}

/** Distinct keys remembered at most (attribute names: a few hundred); past it the memory starts again. */
const MAX_REMEMBERED = 10_000;

/** cdktf's `snakeCase`, as written. */
function snakeCase(str: string): string {
  if (!str) return '';
  return String(str)
    .replace(/^[^A-Za-z0-9]*|[^A-Za-z0-9]*$/g, '')
    .replace(/([a-z0-9])([A-Z])/g, (_m, a: string, b: string) => `${a}_${b.toLowerCase()}`)
    .replace(/[^A-Za-z0-9]+|_+/g, '_')
    .toLowerCase();
}

/** Returns a replacement for cdktf's `keysToSnakeCase(object)`. */
export function rememberingKeysToSnakeCase(cdktf: CdktfSnakeCaseInternals): (object: unknown) => unknown {
  const remembered = new Map<string, string>();
  const snakeCaseOf = (key: string): string => {
    let snake = remembered.get(key);
    if (snake === undefined) {
      if (remembered.size >= MAX_REMEMBERED) remembered.clear();
      snake = snakeCase(key);
      remembered.set(key, snake);
    }
    return snake;
  };

  // cdktf's keysToSnakeCase, as written, but for snakeCaseOf.
  function keysToSnakeCase(object: unknown): unknown {
    if (cdktf.isResolvable(object)) return object;
    if (Array.isArray(object)) return object.map((e: unknown) => (typeof e === 'object' ? keysToSnakeCase(e) : e));
    const source = object as Record<string, unknown>;
    const keys = Object.keys(source);
    return keys.reduce((newObject: Record<string, unknown>, key) => {
      if (key === 'tags' || key === 'environment') {
        newObject[key] = source[key];
        return newObject;
      }
      let value = source[key];
      if (typeof value === 'object') value = keysToSnakeCase(value);
      if (Array.isArray(value)) value = value.map((e: unknown) => (typeof e === 'object' ? keysToSnakeCase(e) : e));
      newObject[snakeCaseOf(key)] = value;
      return newObject;
    }, {});
  }
  return keysToSnakeCase;
}
