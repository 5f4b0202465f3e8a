import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Stack } from 'aws-cdk-lib';
import { replaceMethod, type PatchTarget } from './library-patch';

/**
 * A stack's merged template not resolved a second time where it is already resolved. `Stack._toCloudFormation`
 * resolves every element's fragment, merges the fragments under the template options, and resolves the merged
 * template again, which copies every resolved fragment once more (3-5% of `App.synth`). Resolving a value that holds
 * no token (no string with a token marker, no number in a token's range, no object with a `resolve` method, nothing
 * undefined) returns an equal copy and calls nothing, so such sections are taken as they are; everything else (the
 * template options, anything not plainly resolved) is resolved by the library, key by key in the same order and at
 * the same path, as it would have been inside the whole.
 */

/** `Stack.prototype._toCloudFormation` of aws-cdk-lib 2.276.0: ends with `this.resolve(template)||{}`. */
const TO_CLOUDFORMATION: PatchTarget = { owner: Stack.prototype, name: '_toCloudFormation', sourceSha256: 'd6dd541012e4ff77' };
/** aws-cdk-lib 2.276.0's `core/lib/private/resolve.js` (whose `_resolve` makes a token-free value a fixpoint), as a file. */
const RESOLVE_MODULE_SHA256 = '6a6f8717571182f4';

/** The method this shortcut replaces. */
export const MERGED_TEMPLATE_TARGETS: readonly PatchTarget[] = [TO_CLOUDFORMATION];

/** Why the shortcut cannot rely on the resolver, or `undefined` when the installed `resolve.js` is the expected one. */
export function resolverMismatch(): string | undefined {
  try {
    const file = join(dirname(require.resolve('aws-cdk-lib')), 'core', 'lib', 'private', 'resolve.js');
    const found = createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 16);
    return found === RESOLVE_MODULE_SHA256 ? undefined : `core/lib/private/resolve.js has hash ${found}, expected ${RESOLVE_MODULE_SHA256}`;
  } catch (error) {
    return `core/lib/private/resolve.js cannot be read (${(error as Error).message})`;
  }
}

/** The template literal `_toCloudFormation` starts from, before the fragments are merged into it. */
const HEAD = ['Description', 'Transform', 'AWSTemplateFormatVersion', 'Metadata'];
const TYPE_HINT = Symbol.for('@aws-cdk/core.resolvedTypeHint');
/** Deeper than `resolve` allows (it refuses a path of more than 200). */
const MAX_DEPTH = 150;

/** A key `resolveObject` keeps as it is. */
const plainKey = (key: string): boolean => key.length < 5 || !(key.includes('Token[') || (key.length >= 16 && key.includes('e+289')));

/** Whether resolving `value` would return an equal copy and call nothing (aws-cdk-lib's own tests in `_resolve`). */
function resolvedAlready(value: unknown, depth: number): boolean {
  switch (typeof value) {
    case 'string': return !value.includes('Token[') && !(value.length >= 16 && value.includes('e+289'));
    case 'number': return value > -1e287 && value < 1e287;
    case 'boolean': return true;
    case 'object': {
      if (value === null) return true;
      if (depth > MAX_DEPTH) return false;
      if (Array.isArray(value)) return value.every((item) => resolvedAlready(item, depth + 1));
      // Only plain data: what resolution made (a token's own value, a date, a construct would each be resolved or refused).
      if (![Object.prototype, null].includes(Object.getPrototypeOf(value)) || typeof (value as { resolve?: unknown }).resolve === 'function'
        || (value as Record<symbol, unknown>)[TYPE_HINT] !== undefined) return false;
      const record = value as Record<string, unknown>;
      return Object.keys(record).every((key) => plainKey(key) && resolvedAlready(record[key], depth + 1));
    }
    default: return false;
  }
}

/** How the merged templates' sections were resolved in the last synthesis with this shortcut installed (for tests). */
export const mergedTemplateCounts = { kept: 0, resolvedByLibrary: 0 };

/** Gives `_toCloudFormation` a stack whose `resolve` of the merged template resolves only what is not resolved yet; returns what removes it. */
export function installMergedTemplateResolution(): () => void {
  const toCloudFormation = (Stack.prototype as unknown as Record<string, (this: Stack) => unknown>)[TO_CLOUDFORMATION.name];
  const libraryResolve = Stack.prototype.resolve;
  mergedTemplateCounts.kept = 0;
  mergedTemplateCounts.resolvedByLibrary = 0;

  function resolveMerged(stack: Stack, template: Record<string, unknown>): unknown {
    const keys = Object.keys(template);
    // A key that is a token is resolved with the others' count (`$IntrinsicKey$n`): the library's whole resolution.
    if (!keys.every(plainKey)) return libraryResolve.call(stack, template);
    const resolved: Record<string, unknown> = {};
    for (const key of keys) {
      const value = template[key];
      // Left out, as `resolveObject` leaves out an undefined value (the template options not set).
      if (value === undefined) continue;
      if (resolvedAlready(value, 1)) {
        mergedTemplateCounts.kept += 1;
        resolved[key] = value;
        continue;
      }
      // Resolved at the same path (`[key]`) as inside the whole, and left out when it resolves to nothing, as there.
      mergedTemplateCounts.resolvedByLibrary += 1;
      const one = libraryResolve.call(stack, { [key]: value }) as Record<string, unknown>;
      if (Object.prototype.hasOwnProperty.call(one, key)) resolved[key] = one[key];
    }
    return resolved;
  }

  function isMergedTemplate(value: unknown): value is Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.getPrototypeOf(value) !== Object.prototype) return false;
    const keys = Object.keys(value);
    return HEAD.every((key, index) => keys[index] === key) && (value as Record<symbol, unknown>)[TYPE_HINT] === undefined;
  }

  function renderWithoutSecondResolution(this: Stack): unknown {
    // A stack class with a `resolve` of its own, or an instance with one, gets the library's rendering.
    if (this.resolve !== libraryResolve || Object.prototype.hasOwnProperty.call(this, 'resolve')) return toCloudFormation.call(this);
    const stack = this;
    Object.defineProperty(stack, 'resolve', {
      configurable: true,
      writable: true,
      value: (value: unknown) => (isMergedTemplate(value) ? resolveMerged(stack, value) : libraryResolve.call(stack, value)),
    });
    try {
      return toCloudFormation.call(stack);
    } finally {
      delete (stack as unknown as Record<string, unknown>).resolve;
    }
  }

  return replaceMethod(Stack.prototype, TO_CLOUDFORMATION.name, renderWithoutSecondResolution);
}
