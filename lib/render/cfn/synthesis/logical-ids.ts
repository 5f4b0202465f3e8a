import { Stack, type CfnElement } from 'aws-cdk-lib';
import { replaceMethod, sourceHash, type PatchTarget } from './library-patch';

/**
 * Logical ids computed once per element. aws-cdk-lib resolves an element's logical id afresh every time a template,
 * a reference to it or tree.json names it (a `Lazy.uncachedString` calling `Stack.getLogicalId`): its construct path
 * joined, filtered and MD5-hashed (`makeUniqueId`), then looked up in the stack's renames; about a tenth of `App.synth`.
 * The allocated id is a function of the element's path, which never changes, so it is kept per element; the renamed id
 * is reused only while the stack's renames give the same answer and the id is still recorded as that element's, which
 * is exactly when `LogicalIDs.applyRename` would return it again without side effects.
 */

/** `Stack.prototype.allocateLogicalId` of aws-cdk-lib 2.276.0: the element's path below its stack, through `makeUniqueId`. */
const ALLOCATE: PatchTarget = { owner: Stack.prototype, name: 'allocateLogicalId', sourceSha256: 'fb7bf056c4b2b03f' };
/** `Stack.prototype.getLogicalId` of aws-cdk-lib 2.276.0: `this._logicalIds.applyRename(this.allocateLogicalId(element))`. */
const GET: PatchTarget = { owner: Stack.prototype, name: 'getLogicalId', sourceSha256: 'd766d8928a8b9852' };
/** `LogicalIDs.prototype.applyRename` of aws-cdk-lib 2.276.0 (a private class, checked on the first stack seen). */
const APPLY_RENAME_SHA256 = '96c15be921d28426';

/** The methods this shortcut replaces. */
export const LOGICAL_ID_TARGETS: readonly PatchTarget[] = [ALLOCATE, GET];

interface LogicalIds {
  readonly renames: Record<string, string>;
  readonly reverse: Record<string, string>;
  applyRename(oldId: string): string;
}
/** A stack's private `LogicalIDs`. */
const logicalIdsOf = (stack: Stack): LogicalIds => (stack as unknown as { readonly _logicalIds: LogicalIds })._logicalIds;
type Naming = (this: Stack, element: CfnElement) => string;

/** How elements got their logical ids in the last synthesis with this shortcut installed (for tests). */
export const logicalIdCounts = { reused: 0, computed: 0 };

/** Replaces the two methods (their sources checked by the caller); returns what restores them. */
export function installLogicalIdMemo(): () => void {
  const prototype = Stack.prototype as unknown as Record<string, Naming>;
  const allocate = prototype[ALLOCATE.name];
  const getLogicalId = prototype[GET.name];
  const allocated = new WeakMap<CfnElement, string>();
  const named = new WeakMap<CfnElement, { readonly stack: Stack; readonly oldId: string; readonly newId: string }>();
  const verifiedApplyRename = new WeakMap<object, boolean>();
  logicalIdCounts.reused = 0;
  logicalIdCounts.computed = 0;

  function memoAllocate(this: Stack, element: CfnElement): string {
    const known = allocated.get(element);
    if (known !== undefined) return known;
    const id = allocate.call(this, element);
    allocated.set(element, id);
    return id;
  }

  function memoGetLogicalId(this: Stack, element: CfnElement): string {
    // A stack class of its own naming elements differently gets the library's behaviour.
    if ((this as unknown as Record<string, Naming>)[ALLOCATE.name] !== memoAllocate) return getLogicalId.call(this, element);
    const ids = logicalIdsOf(this);
    const applyRename = ids.applyRename;
    let verified = verifiedApplyRename.get(applyRename);
    if (verified === undefined) {
      verified = sourceHash(applyRename) === APPLY_RENAME_SHA256;
      verifiedApplyRename.set(applyRename, verified);
    }
    const hit = verified ? named.get(element) : undefined;
    if (hit && hit.stack === this) {
      // applyRename's own steps, none of which would change anything or throw for this answer.
      const newId = hit.oldId in ids.renames ? ids.renames[hit.oldId] : hit.oldId;
      if (newId === hit.newId && ids.reverse[newId] === hit.oldId) {
        logicalIdCounts.reused += 1;
        return newId;
      }
    }
    logicalIdCounts.computed += 1;
    const newId = getLogicalId.call(this, element);
    const oldId = allocated.get(element);
    if (verified && oldId !== undefined) named.set(element, { stack: this, oldId, newId });
    return newId;
  }

  const restoreAllocate = replaceMethod(Stack.prototype, ALLOCATE.name, memoAllocate);
  const restoreGet = replaceMethod(Stack.prototype, GET.name, memoGetLogicalId);
  return () => {
    restoreGet();
    restoreAllocate();
  };
}
