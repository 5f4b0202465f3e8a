import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { NestedStack, Stack } from 'aws-cdk-lib';
import { replaceMethod, type PatchTarget } from './library-patch';

/**
 * A stack's merged template not resolved a second time where it is already resolved. `Stack._toCloudFormation`
 * resolves every element's fragment, merges the fragments under the template options, and resolves the merged
 * template again, which copies every resolved fragment once more (3-5% of `App.synth`). Resolving a value that holds
 * no token (no string with a token marker, no number in a token's range, no object with a `resolve` method, no class
 * instance) returns an equal copy, less its undefined properties, and calls nothing, so such sections are taken as
 * they are: the template's only readers count its resources and `JSON.stringify` it, which leaves undefined
 * properties out too. Everything else (the template options, anything not plainly resolved) is resolved by the
 * library, key by key in the same order and at the same path, as it would have been inside the whole.
 */

/** `Stack.prototype._toCloudFormation` of aws-cdk-lib 2.276.0: ends with `this.resolve(template)||{}`. */
const TO_CLOUDFORMATION: PatchTarget = { owner: Stack.prototype, name: '_toCloudFormation', sourceSha256: 'd6dd541012e4ff77' };
/** aws-cdk-lib 2.276.0's `core/lib/private/resolve.js` (whose `_resolve` makes a token-free value a fixpoint), as a file. */
const RESOLVE_MODULE_SHA256 = '6a6f8717571182f4';

/**
 * The two readers of `_toCloudFormation`'s template in aws-cdk-lib 2.276.0, which only count its resources and
 * `JSON.stringify` it (so a property left undefined in a kept section, which `resolve` would drop, writes the same bytes).
 */
const SYNTHESIZE_TEMPLATE: PatchTarget = { owner: Stack.prototype, name: '_synthesizeTemplate', sourceSha256: 'b486e669ba4e1b51' };
const PREPARE_ASSET: PatchTarget = { owner: NestedStack.prototype, name: '_prepareTemplateAsset', sourceSha256: '845b466c5d194d7e' };
/** `Stack.prototype.resolve` of aws-cdk-lib 2.276.0: the private `resolve` of `resolve.js` in a profiling wrapper (`profileFn`). */
const RESOLVE: PatchTarget = { owner: Stack.prototype, name: 'resolve', sourceSha256: 'eddf1e5923137ed9' };

/** The methods this shortcut replaces. */
export const MERGED_TEMPLATE_TARGETS: readonly PatchTarget[] = [TO_CLOUDFORMATION, RESOLVE, SYNTHESIZE_TEMPLATE, PREPARE_ASSET];

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
      if (Array.isArray(value)) {
        for (const item of value) if (!resolvedAlready(item, depth + 1)) return false;
        return true;
      }
      // Only plain data: what resolution made (a token's own value, a date, a construct would each be resolved or refused).
      // Its type hint (a symbol `resolve` copies over) is not data, and not written.
      const prototype = Object.getPrototypeOf(value) as unknown;
      if ((prototype !== Object.prototype && prototype !== null) || typeof (value as { resolve?: unknown }).resolve === 'function') return false;
      const record = value as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        const item = record[key];
        // An undefined property (a rendered property left unset) is one `resolve` drops and JSON leaves out alike.
        if (!plainKey(key) || (item !== undefined && !resolvedAlready(item, depth + 1))) return false;
      }
      return true;
    }
    default: return false;
  }
}

/** How the merged templates' sections were resolved in the last synthesis with this shortcut installed (for tests). */
export const mergedTemplateCounts = { kept: 0, resolvedByLibrary: 0 };

/** Makes `Stack.resolve`, called by `_toCloudFormation` on its merged template, resolve only what is not resolved yet; returns what removes it. */
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

  /** The stack whose template `_toCloudFormation` is rendering (its `resolve` of the merged template is the one to shorten). */
  let rendering: Stack | undefined;

  function resolveDuringRendering(this: Stack, value: unknown): unknown {
    return this === rendering && isMergedTemplate(value) ? resolveMerged(this, value) : libraryResolve.call(this, value);
  }

  function renderWithoutSecondResolution(this: Stack): unknown {
    // A stack class with a `resolve` of its own gets the library's rendering.
    if (this.resolve !== resolveDuringRendering) return toCloudFormation.call(this);
    const outer = rendering;
    rendering = this;
    try {
      return toCloudFormation.call(this);
    } finally {
      rendering = outer;
    }
  }

  const restoreResolve = replaceMethod(Stack.prototype, RESOLVE.name, resolveDuringRendering);
  const restoreRendering = replaceMethod(Stack.prototype, TO_CLOUDFORMATION.name, renderWithoutSecondResolution);
  return () => {
    restoreRendering();
    restoreResolve();
  };
}
