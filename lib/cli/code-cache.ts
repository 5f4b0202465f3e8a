import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { Script, constants as vmConstants } from 'node:vm';
import { isMainThread, threadId } from 'node:worker_threads';

/**
 * A V8 code cache for the CommonJS modules the CLI loads (aws-cdk-lib, cdktf, the provider bindings,
 * zod, yaml, tierup itself): the compiled code of every module is kept in a user cache directory, so a
 * later run deserializes it instead of parsing and compiling ~25 MB of JavaScript again (Node 20 has
 * no `module.enableCompileCache()`; that is Node 22). See docs/performance.md.
 *
 * It cannot change what a module does: V8 rejects cached code whose source length or V8 flags differ,
 * an entry is used only for the same file, size and modification time, and the whole cache is keyed by
 * the Node and V8 versions and the installed packages' lockfile, so a stale cache is never read; a
 * rejected or missing entry is compiled from source as usual and written back at exit.
 */

/** `TIERUP_CODE_CACHE=0` (or `off`) turns the cache off; `TIERUP_CACHE_DIR` moves it. */
export const CODE_CACHE_ENV = { disable: 'TIERUP_CODE_CACHE', directory: 'TIERUP_CACHE_DIR', stats: 'TIERUP_CODE_CACHE_STATS' } as const;

/** What the cache did in this thread, for `TIERUP_CODE_CACHE_STATS=1` and the tests. */
export interface CodeCacheStats {
  /** Modules compiled from source (no entry, or a stale one). */
  compiled: number;
  /** Modules whose cached code V8 accepted. */
  fromCache: number;
  /** Modules whose cached code V8 rejected (then compiled from source). */
  rejected: number;
  /** Entries written at the last flush. */
  written: number;
}

/** One cached module: where its bytes are in the blob, and the file it was made from. */
interface Entry {
  readonly offset: number;
  readonly length: number;
  readonly size: number;
  readonly mtimeMs: number;
}

/** One blob file per package (aws-cdk-lib, cdktf, …), read only when a module of that package loads. */
interface Blob {
  readonly entries: Record<string, Entry>;
  readonly data: Buffer;
}

interface Pending {
  readonly script: Script;
  readonly size: number;
  readonly mtimeMs: number;
}

type CompileFunction = (this: NodeJS.Module, content: string, filename: string, format?: string) => unknown;
type ModuleInternals = typeof Module & {
  prototype: { _compile: CompileFunction; require: (id: string) => unknown };
  wrap: (source: string) => string;
  _resolveFilename: (request: string, parent: NodeJS.Module, isMain: boolean, options?: unknown) => string;
  _resolveLookupPaths: (request: string, parent: NodeJS.Module) => string[] | null;
  _extensions: NodeJS.RequireExtensions;
  _cache: NodeJS.Dict<NodeJS.Module>;
};

const BLOB_MAGIC = 'tierup-code-cache-1';

let installed: CodeCache | undefined;

/** The cache of this thread, when {@link installCodeCache} installed one. */
export function activeCodeCache(): CodeCache | undefined {
  return installed;
}

/**
 * Installs the code cache for every CommonJS module loaded from now on in this thread (the CLI's
 * entry point calls it first; a worker thread calls it again). Returns undefined when turned off or
 * when no cache directory can be found; it never throws.
 */
export function installCodeCache(env: NodeJS.ProcessEnv = process.env): CodeCache | undefined {
  if (installed) return installed;
  const disable = env[CODE_CACHE_ENV.disable];
  if (disable === '0' || disable === 'off' || disable === 'false') return undefined;
  const base = env[CODE_CACHE_ENV.directory] || userCacheDirectory(env);
  if (!base) return undefined;
  const root = join(__dirname, '..', '..', '..');
  const cache = new CodeCache(join(base, 'code-cache', cacheKey(root)));
  cache.hook();
  installed = cache;
  // A thread's new entries are written when it ends (a pool worker flushes before it reports, see synth-worker.ts).
  process.on('exit', () => {
    cache.flush();
    if (isMainThread) reportCodeCacheStats(threadId, cache.stats, env);
  });
  return cache;
}

/** With `TIERUP_CODE_CACHE_STATS=1`, prints one thread's counters to stderr (a worker's reach the main thread in its result). */
export function reportCodeCacheStats(thread: number, stats: CodeCacheStats, env: NodeJS.ProcessEnv = process.env): void {
  if (env[CODE_CACHE_ENV.stats] === '1') process.stderr.write(`code cache (thread ${thread}): ${JSON.stringify(stats)}\n`);
}

/** The platform's user cache directory for tierup, or undefined without a home directory. */
export function userCacheDirectory(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (process.platform === 'win32') return env.LOCALAPPDATA ? join(env.LOCALAPPDATA, 'tierup', 'Cache') : undefined;
  if (process.platform === 'darwin' && env.HOME) return join(env.HOME, 'Library', 'Caches', 'tierup');
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'tierup');
  const home = env.HOME || safeHomedir();
  return home ? join(home, '.cache', 'tierup') : undefined;
}

/** The cache of one thread: blobs read lazily per package, entries produced at exit. */
export class CodeCache {
  /** Counters for this thread. */
  readonly stats: CodeCacheStats = { compiled: 0, fromCache: 0, rejected: 0, written: 0 };
  private readonly blobs = new Map<string, Blob | null>();
  private readonly pending = new Map<string, Map<string, Pending>>();

  constructor(readonly directory: string) {}

  /** Replaces CommonJS compilation with one that reads and records cached code. */
  hook(): void {
    const internals = Module as ModuleInternals;
    const original = internals.prototype._compile;
    const cache = this;
    internals.prototype._compile = function compile(this: NodeJS.Module, content: string, filename: string, format?: string): unknown {
      // ES modules and anything but CommonJS source files (.js, and .cjs as zod and yargs ship) take Node's own path.
      if (format === 'module' || !(filename.endsWith('.js') || filename.endsWith('.cjs'))) return original.call(this, content, filename, format);
      let script: Script;
      try {
        script = cache.compile(content, filename);
      } catch {
        return original.call(this, content, filename, format);
      }
      const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
      return wrapper.call(this.exports, this.exports, makeRequire(this, internals), this, filename, dirname(filename));
    };
  }

  /** Compiles one module's wrapper, from cached code when an entry for this very file exists. */
  compile(content: string, filename: string): Script {
    const { size, mtimeMs } = statSync(filename);
    const packageName = packageOf(filename);
    const blob = this.blob(packageName);
    const entry = blob?.entries[filename];
    const cachedData = blob && entry && entry.size === size && entry.mtimeMs === mtimeMs
      ? blob.data.subarray(entry.offset, entry.offset + entry.length)
      : undefined;
    const script = new Script(Module.wrap(stripHashbang(content)), {
      filename,
      cachedData,
      importModuleDynamically: vmConstants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    } as ConstructorParameters<typeof Script>[1]);
    if (cachedData && !script.cachedDataRejected) {
      this.stats.fromCache += 1;
      return script;
    }
    if (cachedData) this.stats.rejected += 1;
    else this.stats.compiled += 1;
    // Produced at exit rather than now, so the functions that ran are in the cache too.
    let forPackage = this.pending.get(packageName);
    if (!forPackage) this.pending.set(packageName, (forPackage = new Map()));
    forPackage.set(filename, { script, size, mtimeMs });
    return script;
  }

  /** Writes the entries produced since the last flush, merged with what the blobs on disk hold. */
  flush(): void {
    if (this.pending.size === 0) return;
    try {
      mkdirSync(this.directory, { recursive: true });
      removeStaleSiblings(this.directory);
      for (const [packageName, produced] of this.pending) {
        const onDisk = readBlob(this.blobFile(packageName));
        const parts: Buffer[] = [];
        const entries: Record<string, Entry> = {};
        let offset = 0;
        const add = (filename: string, data: Buffer, size: number, mtimeMs: number) => {
          entries[filename] = { offset, length: data.length, size, mtimeMs };
          parts.push(data);
          offset += data.length;
        };
        for (const [filename, entry] of Object.entries(onDisk?.entries ?? {})) {
          if (!produced.has(filename)) add(filename, onDisk!.data.subarray(entry.offset, entry.offset + entry.length), entry.size, entry.mtimeMs);
        }
        for (const [filename, { script, size, mtimeMs }] of produced) {
          add(filename, script.createCachedData(), size, mtimeMs);
          this.stats.written += 1;
        }
        writeBlob(this.blobFile(packageName), entries, parts);
      }
    } catch {
      // A cache that cannot be written is only a slower next run.
    }
    this.pending.clear();
  }

  private blob(packageName: string): Blob | null {
    if (!this.blobs.has(packageName)) this.blobs.set(packageName, readBlob(this.blobFile(packageName)));
    return this.blobs.get(packageName)!;
  }

  private blobFile(packageName: string): string {
    return join(this.directory, `${packageName.replace('/', '+')}.bin`);
  }
}

/** The `require` a module sees, as Node builds it (`makeRequireFunction`, which is internal). */
function makeRequire(module: NodeJS.Module, internals: ModuleInternals): NodeJS.Require {
  const require = ((id: string) => module.require(id)) as NodeJS.Require;
  const resolve = ((request: string, options?: { paths?: string[] }) => internals._resolveFilename(request, module, false, options)) as NodeJS.RequireResolve;
  resolve.paths = (request: string) => internals._resolveLookupPaths(request, module);
  require.resolve = resolve;
  require.main = process.mainModule;
  require.extensions = internals._extensions;
  require.cache = internals._cache;
  return require;
}

/** The package a file belongs to (the last `node_modules/<name>` or `node_modules/@scope/name`), or tierup's own. */
export function packageOf(filename: string): string {
  const match = /.*node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(filename);
  return match ? match[1].replace('\\', '/') : 'tierup';
}

/** Node version, V8 version, architecture, the checkout and its installed packages: a change to any is a fresh cache. */
function cacheKey(root: string): string {
  const hash = createHash('sha256');
  // The checkout is part of the key too, so two checkouts never merge their entries into one blob.
  hash.update(`${process.version}\0${process.versions.v8}\0${process.arch}\0${process.platform}\0${root}\0`);
  const lockfile = findLockfile(root);
  hash.update(lockfile ? readFileSync(lockfile) : 'no-lockfile');
  return hash.digest('hex').slice(0, 16);
}

/** tierup's own lockfile when run from a checkout, else the lockfile of the installation holding it. */
function findLockfile(root: string): string | undefined {
  const candidates = [join(root, 'package-lock.json'), join(root, 'node_modules', '.package-lock.json')];
  for (let dir = dirname(root); dir !== dirname(dir); dir = dirname(dir)) candidates.push(join(dir, 'node_modules', '.package-lock.json'));
  return candidates.find((file) => {
    try {
      return statSync(file).isFile();
    } catch {
      return false;
    }
  });
}

/** Caches of other Node versions, checkouts or installs that nobody wrote to for a week are deleted. */
function removeStaleSiblings(directory: string): void {
  const parent = dirname(directory);
  const weekAgo = Date.now() - 7 * 24 * 3600 * 1000;
  for (const sibling of readdirSync(parent)) {
    const path = join(parent, sibling);
    if (path !== directory && statSync(path).mtimeMs < weekAgo) rmSync(path, { recursive: true, force: true });
  }
}

/** Blob layout: magic line, index length (4 bytes), index JSON, then the cached data back to back. */
function readBlob(file: string): Blob | null {
  try {
    const buffer = readFileSync(file);
    const magic = Buffer.from(`${BLOB_MAGIC}\n`);
    if (!buffer.subarray(0, magic.length).equals(magic)) return null;
    const indexLength = buffer.readUInt32LE(magic.length);
    const indexStart = magic.length + 4;
    const entries = JSON.parse(buffer.toString('utf8', indexStart, indexStart + indexLength)) as Record<string, Entry>;
    const data = buffer.subarray(indexStart + indexLength);
    // A truncated blob (a crash mid-write cannot produce one, renames are atomic; a full disk might) is ignored.
    if (Object.values(entries).some((entry) => entry.offset + entry.length > data.length)) return null;
    return { entries, data };
  } catch {
    return null;
  }
}

function writeBlob(file: string, entries: Record<string, Entry>, parts: readonly Buffer[]): void {
  const index = Buffer.from(JSON.stringify(entries));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(index.length);
  const temporary = `${file}.${process.pid}-${threadId}.tmp`;
  writeFileSync(temporary, Buffer.concat([Buffer.from(`${BLOB_MAGIC}\n`), length, index, ...parts]));
  renameSync(temporary, file);
}

function stripHashbang(content: string): string {
  return content.startsWith('#!') ? `//${content.slice(2)}` : content;
}

function safeHomedir(): string | undefined {
  try {
    return homedir();
  } catch {
    return undefined;
  }
}
