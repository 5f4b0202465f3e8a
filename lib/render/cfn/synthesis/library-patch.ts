import { createHash } from 'node:crypto';

/**
 * The one way tierup replaces a method of aws-cdk-lib: only when the installed method's source text is the one
 * the replacement was written against, so an upgraded or different library keeps its own behaviour.
 */

/** A method to replace: where it lives, and the source hash of the version the replacement was written for. */
export interface PatchTarget {
  readonly owner: object;
  readonly name: string;
  /** First 16 hex digits of the SHA-256 of `Function.prototype.toString()` of the expected method. */
  readonly sourceSha256: string;
}

/** The first 16 hex digits of the SHA-256 of a function's source text (`undefined` for a non-function). */
export function sourceHash(fn: unknown): string | undefined {
  return typeof fn === 'function' ? createHash('sha256').update(Function.prototype.toString.call(fn)).digest('hex').slice(0, 16) : undefined;
}

/** Why a target cannot be patched (absent, or not the expected source), or `undefined` when it can. */
export function targetMismatch(target: PatchTarget): string | undefined {
  const found = sourceHash((target.owner as Record<string, unknown>)[target.name]);
  if (found === undefined) return `${target.name} is absent`;
  return found === target.sourceSha256 ? undefined : `${target.name} has source ${found}, expected ${target.sourceSha256}`;
}

/** Puts `replacement` on `owner` as its own property and returns what puts the owner back exactly as it was. */
export function replaceMethod(owner: object, name: string, replacement: (...args: never[]) => unknown): () => void {
  const own = Object.getOwnPropertyDescriptor(owner, name);
  Object.defineProperty(owner, name, { value: replacement, writable: true, configurable: true, enumerable: own?.enumerable ?? false });
  return () => {
    if (own) Object.defineProperty(owner, name, own);
    else delete (owner as Record<string, unknown>)[name];
  };
}
