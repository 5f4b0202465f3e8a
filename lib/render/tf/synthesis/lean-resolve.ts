// SPDX-License-Identifier: MPL-2.0
// This file is a Modification of cdktf 0.21.0 (Copyright (c) HashiCorp, Inc.), ported from its compiled source, and
// stays under the Mozilla Public License 2.0 (https://mozilla.org/MPL/2.0/), as MPL-2.0 section 3.1 requires; the
// rest of tierup is Apache-2.0 (package.json), combined with it as a Larger Work (section 3.3).
/**
 * A port of cdktf 0.21.0's private token resolver (`cdktf/lib/tokens/private/resolve.js`, function `resolve`)
 * that returns the same values and calls tokens, resolvers and post-processors with the same contexts at the
 * same moments, but allocates far less. cdktf's version builds, for every value it visits, a context object
 * with two closures, a post-processor object, a copy of its options and a copy of its key path, and runs three
 * regular expressions over every string; a synthesis resolves every value twice (`TerraformStack.toTerraform`
 * resolves each element's fragment, merges them and resolves the merged whole again), so that was over half of
 * tierup's Terraform synthesis. This port:
 * - creates a real context only where cdktf hands one out (to a token, a resolver or a post-processor); between
 *   an object and its children it passes the four fields a child reads from its parent's context
 *   (`suppressBraces`, `ignoreEscapes`, `warnEscapes`, `iteratorContext`), copied when cdktf would copy them;
 * - keeps the key path as a linked list, turned into cdktf's array only for an error message;
 * - tests a string with cdktf's regular expressions only when it contains their fixed part (`{TfToken[` for
 *   the string, list and map token markers); the number-token expression still runs on every string;
 * - tests a number for cdktf's token encodings on one shared buffer instead of a new one per number.
 * Everything else (the token map, the resolver, string splitting, every error) is cdktf's own code, called as
 * cdktf calls it. `cdktf-shortcuts.ts` installs it only after checking that the installed cdktf is the one
 * ported (version and the text of the source files), and only for the duration of tierup's own synthesis.
 */

/** cdktf's resolve options (`IResolveOptions`). */
export interface ResolveOptions {
  readonly scope: unknown;
  readonly preparing: boolean;
  readonly resolver: TokenResolver;
  readonly prefix?: readonly string[];
  readonly previousContext?: Inherited;
}

/** cdktf's `ITokenResolver`, as the resolver calls it. */
interface TokenResolver {
  resolveToken(token: unknown, context: ResolveContext, postProcessor: { postProcess(value: unknown): unknown }): unknown;
  resolveString(fragments: unknown, context: ResolveContext): unknown;
  resolveList(list: readonly unknown[], context: ResolveContext): unknown;
  resolveNumberList(list: readonly unknown[], context: ResolveContext): unknown;
  resolveMap(map: object, context: ResolveContext): unknown;
}

/** The fields a resolve context passes on to the contexts made under it. */
interface Inherited {
  readonly suppressBraces?: boolean;
  readonly ignoreEscapes?: boolean;
  readonly warnEscapes?: boolean;
  readonly iteratorContext?: string;
}

/** cdktf's `IResolveContext`. */
interface ResolveContext extends Inherited {
  readonly preparing: boolean;
  readonly scope: unknown;
  registerPostProcessor(postProcessor: { postProcess(value: unknown, context: ResolveContext): unknown }): void;
  resolve(value: unknown): unknown;
}

/** What the port calls in cdktf: its own modules, as loaded. */
export interface CdktfResolveInternals {
  readonly TokenString: {
    forString(s: string, includeEscapes?: boolean, warnEscapes?: boolean): TokenStringLike;
    forListToken(s: string): TokenStringLike;
    forNumbers(s: unknown): TokenStringLike;
    forMapToken(s: string): TokenStringLike;
  };
  readonly TokenMap: { instance(): { lookupToken(key: string): unknown; lookupNumberToken(x: number): unknown } };
  readonly Token: { readonly STRING_MAP_TOKEN_VALUE: string; readonly ANY_MAP_TOKEN_VALUE: string; readonly NUMBER_MAP_TOKEN_VALUE: number };
  readonly StringConcat: new () => unknown;
  readonly errors: Readonly<Record<
    | 'unableToResolveCircularReference' | 'cannotResolveFunction' | 'encodedListTokenInScalarStringContext'
    | 'encodedMapTokenInScalarStringContext' | 'encodedMapTokenInScalarNumberContext' | 'constructsCannotBeResolved'
    | 'mapKeyMustResolveToString', (...args: unknown[]) => Error>>;
}

interface TokenStringLike {
  test(): boolean;
  split(lookup: (key: string) => unknown): { mapTokens(context: ResolveContext): { join(concat: unknown): unknown } };
}

/** A key path, innermost last; `null` is the empty path. */
class KeyPath {
  readonly length: number;
  constructor(readonly parent: KeyPath | null, readonly key: string | number) {
    this.length = parent === null ? 1 : parent.length + 1;
  }
}

/** The inherited fields of a context that cdktf creates only to resolve a child with, which nothing can change. */
class Snapshot implements Inherited {
  constructor(
    readonly suppressBraces: boolean | undefined,
    readonly ignoreEscapes: boolean | undefined,
    readonly warnEscapes: boolean | undefined,
    readonly iteratorContext: string | undefined,
  ) {}
}

const NOTHING_INHERITED = new Snapshot(undefined, undefined, undefined, undefined);

/** What a child of a value resolved under `previous` reads as its previous context, as cdktf copies it for each child. */
function inherit(previous: Inherited | undefined): Inherited {
  if (previous instanceof Snapshot) return previous;
  if (previous === undefined || previous === null) return NOTHING_INHERITED;
  return new Snapshot(previous.suppressBraces, previous.ignoreEscapes, previous.warnEscapes, previous.iteratorContext);
}

// cdktf's NUMBER_TOKEN_REGEX (lib/tokens/private/encoding.js), without the `g` flag, which only `split` needs.
const NUMBER_TOKEN = /[-|\d|.\+]+(e[-|\d|.|e|E|\+]+)/;
// cdktf's encoded numbers: the top 16 bits of the double are one of two markers (encoding.js, extractTokenDouble).
const DOUBLE_TOKEN_MARKER_BITS = 0xfdff << 16;
const DOUBLE_LIST_TOKEN_MARKER_BITS = 0xfbff << 16;
const doubleView = new Float64Array(1);
const wordView = new Uint32Array(doubleView.buffer);

/** `extractTokenDouble(x, list) !== undefined`, without a new buffer per call. */
function isEncodedNumber(x: number, list: boolean): boolean {
  doubleView[0] = x;
  return (wordView[1] & 0xffff0000) === (list ? DOUBLE_LIST_TOKEN_MARKER_BITS : DOUBLE_TOKEN_MARKER_BITS);
}

/** Returns a replacement for cdktf's private `resolve(obj, options)` built on cdktf's own modules. */
export function leanResolve(cdktf: CdktfResolveInternals): (obj: unknown, options: ResolveOptions) => unknown {
  const { TokenString, TokenMap, Token, StringConcat, errors } = cdktf;
  const tokenMap = TokenMap.instance();
  const lookupToken = tokenMap.lookupToken.bind(tokenMap);

  interface Run {
    readonly scope: unknown;
    readonly preparing: boolean;
    readonly resolver: TokenResolver;
  }

  function pathName(path: KeyPath | null): string {
    const keys: string[] = [];
    for (let at = path; at !== null; at = at.parent) keys.push(`${at.key}`);
    return `/${keys.reverse().join('/')}`;
  }

  /** cdktf's `makeContext()` (no appended key): a context handed out to a token or resolver, and its post-processor. */
  function makeContext(run: Run, path: KeyPath | null, previous: Inherited | undefined): [ResolveContext, { postProcess(value: unknown): unknown }] {
    let postProcessor: { postProcess(value: unknown, context: ResolveContext): unknown } | undefined;
    const context: ResolveContext = {
      preparing: run.preparing,
      scope: run.scope,
      suppressBraces: previous?.suppressBraces,
      ignoreEscapes: previous?.ignoreEscapes,
      warnEscapes: previous?.warnEscapes,
      iteratorContext: previous?.iteratorContext,
      registerPostProcessor(pp) {
        postProcessor = pp;
      },
      resolve(x) {
        return walk(x, run, path, context);
      },
    };
    return [context, { postProcess: (x) => (postProcessor ? postProcessor.postProcess(x, context) : x) }];
  }

  function walkString(obj: string, run: Run, path: KeyPath | null, previous: Inherited | undefined): unknown {
    // Every token marker (`${TfToken[`, `#{TfToken[`, `&{TfToken[`) contains `{TfToken[`.
    const marked = obj.includes('{TfToken[');
    if (marked && TokenString.forListToken(obj).test()) throw errors.encodedListTokenInScalarStringContext();
    if (obj === Token.STRING_MAP_TOKEN_VALUE || obj === Token.ANY_MAP_TOKEN_VALUE) throw errors.encodedMapTokenInScalarStringContext();
    let str: unknown = obj;
    if (marked) {
      const tokenStr = TokenString.forString(obj, !previous?.ignoreEscapes, previous?.warnEscapes);
      if (tokenStr.test()) {
        const fragments = tokenStr.split(lookupToken);
        str = run.resolver.resolveString(fragments, makeContext(run, path, previous)[0]);
      }
    }
    // cdktf tests whatever resolveString returned, string or not, as its regular expression does (as a string).
    if (typeof str === 'string' ? NUMBER_TOKEN.test(str) : TokenString.forNumbers(str).test()) {
      const fragments = TokenString.forNumbers(str).split((id) => TokenMap.instance().lookupNumberToken(parseFloat(id)));
      str = fragments.mapTokens(makeContext(run, path, previous)[0]).join(new StringConcat());
    }
    return str;
  }

  function walk(obj: unknown, run: Run, path: KeyPath | null, previous: Inherited | undefined): unknown {
    if (path !== null && path.length > 200) throw errors.unableToResolveCircularReference(pathName(path));
    if (typeof obj === 'undefined') return undefined;
    if (obj === null) return null;
    if (typeof obj === 'function') throw errors.cannotResolveFunction(pathName(path), obj);
    if (typeof obj === 'string') return walkString(obj, run, path, previous);
    if (typeof obj === 'number') {
      if (obj === Token.NUMBER_MAP_TOKEN_VALUE) throw errors.encodedMapTokenInScalarNumberContext();
      if (!isEncodedNumber(obj, false)) return obj;
      const context = makeContext(run, path, previous)[0];
      const token = TokenMap.instance().lookupNumberToken(obj);
      return token === undefined ? obj : context.resolve(token);
    }
    if (typeof obj !== 'object' || obj instanceof Date) return obj;
    if (Array.isArray(obj)) {
      if (obj.some((x) => typeof x === 'string' && x.includes('#{TfToken[') && TokenString.forListToken(x).test())) {
        return run.resolver.resolveList(obj, makeContext(run, path, previous)[0]);
      }
      if (obj.some((x) => typeof x === 'number' && isEncodedNumber(x, true))) {
        return run.resolver.resolveNumberList(obj, makeContext(run, path, previous)[0]);
      }
      return obj.map((x, i) => walk(x, run, new KeyPath(path, i), inherit(previous))).filter((x) => typeof x !== 'undefined');
    }
    const keys = Object.keys(obj);
    if (keys.some((key) => key.includes('&{TfToken[') && TokenString.forMapToken(key).test())) {
      return run.resolver.resolveMap(obj, makeContext(run, path, previous)[0]);
    }
    const record = obj as Record<string, unknown>;
    if (typeof record.resolve === 'function') {
      const [context, postProcessor] = makeContext(run, path, previous);
      return run.resolver.resolveToken(obj, context, postProcessor);
    }
    if (record._children !== undefined && record._metadata !== undefined) throw errors.constructsCannotBeResolved(pathName(path));
    const result: Record<string, unknown> = {};
    for (const key of keys) {
      const resolvedKey = walkString(key, run, path, inherit(previous));
      if (typeof resolvedKey !== 'string') throw errors.mapKeyMustResolveToString(pathName(path), key, resolvedKey);
      const value = walk(record[key], run, new KeyPath(path, key), inherit(previous));
      if (typeof value === 'undefined') continue;
      result[resolvedKey] = value;
    }
    return result;
  }

  return (obj, options) => {
    let path: KeyPath | null = null;
    for (const key of options.prefix || []) path = new KeyPath(path, key);
    return walk(obj, { scope: options.scope, preparing: options.preparing, resolver: options.resolver }, path, options.previousContext);
  };
}
