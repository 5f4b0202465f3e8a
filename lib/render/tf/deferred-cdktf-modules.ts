import { readFileSync } from 'node:fs';
import Module from 'node:module';
import { dirname, join } from 'node:path';

// Imported first by lib/render/tf/index.ts, before anything loads cdktf. cdktf's index loads every part of
// cdktf, and with it two of its dependencies that tierup's synthesis never calls: archiver (which zips a
// TerraformAsset's directory: 200 modules with lodash, readable-stream, glob…) and semver (which checks a
// terraform binary's version). Together they were 250 of the 875 modules and about 10% of the CPU of
// `synth --target tf` at level 4 (docs/performance.md). Each is put in Node's module cache as a stand-in
// that loads the real module on first use, so a caller that does zip an asset gets the real archiver, late.

/** `TIERUP_DEFER_MODULES=0` loads cdktf's dependencies as cdktf requires them, at load. */
export const DEFER_MODULES_ENV = 'TIERUP_DEFER_MODULES';

/** The cdktf release whose module graph {@link DEFERRED} describes; any other loads everything as cdktf asks. */
const CDKTF_VERSION = '0.21.0';

/** Each deferred dependency, the cdktf module that requires it at load, and whether its exports are a function. */
const DEFERRED = [
  { name: 'archiver', requiredBy: 'lib/private/fs.js', callable: true },
  { name: 'semver', requiredBy: 'lib/validations/validate-binary-version.js', callable: false },
] as const;

interface ModuleInternals {
  _cache: Record<string, NodeJS.Module | undefined>;
}

/**
 * Puts a stand-in for each of {@link DEFERRED} in the module cache, where cdktf's `require` finds it, and
 * returns the files it stands in for. Does nothing when switched off, when cdktf is not the expected
 * release, when a requiring module no longer requires the dependency by that name, or when either is
 * already loaded: then cdktf loads what it always loaded.
 */
export function deferCdktfModules(env: NodeJS.ProcessEnv = process.env, expectedVersion = CDKTF_VERSION): string[] {
  if (env[DEFER_MODULES_ENV] === '0') return [];
  const cache = (Module as unknown as ModuleInternals)._cache;
  let cdktf: string;
  try {
    cdktf = dirname(require.resolve('cdktf/package.json'));
    if ((JSON.parse(readFileSync(join(cdktf, 'package.json'), 'utf8')) as { version?: string }).version !== expectedVersion) return [];
  } catch {
    return [];
  }
  const deferred: string[] = [];
  for (const { name, requiredBy, callable } of DEFERRED) {
    const requirer = join(cdktf, requiredBy);
    try {
      if (cache[requirer] || !readFileSync(requirer, 'utf8').includes(`require("${name}")`)) continue;
      const filename = require.resolve(name, { paths: [dirname(requirer)] });
      if (cache[filename]) continue;
      cache[filename] = standIn(filename, callable, cache);
      deferred.push(filename);
    } catch {
      // Left to cdktf, which reports a missing module as it always did.
    }
  }
  return deferred;
}

/**
 * A module whose exports load `filename` on first use and forward to it: calls (a function's exports),
 * property reads and writes, `in`. The real module then takes its place in the cache.
 */
function standIn(filename: string, callable: boolean, cache: ModuleInternals['_cache']): NodeJS.Module {
  let real: unknown;
  const load = (): object => {
    if (real === undefined) {
      if (cache[filename] === placeholder) delete cache[filename];
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      real = require(filename);
    }
    return real as object;
  };
  // An arrow function has no own `prototype`, so the proxy's reads never contradict its target's invariants.
  const target = callable ? (() => undefined) : {};
  const exports = new Proxy(target, {
    apply: (_target, self, args) => Reflect.apply(load() as (...a: unknown[]) => unknown, self, args),
    get: (_target, key) => Reflect.get(load(), key),
    set: (_target, key, value) => Reflect.set(load(), key, value),
    has: (_target, key) => Reflect.has(load(), key),
  });
  const placeholder = new Module(filename);
  placeholder.filename = filename;
  placeholder.loaded = true;
  placeholder.exports = exports;
  return placeholder;
}

/** What this process deferred when lib/render/tf was first loaded. */
export const DEFERRED_CDKTF_MODULES: readonly string[] = deferCdktfModules();
