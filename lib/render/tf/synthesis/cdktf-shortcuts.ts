import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type CdktfResolveInternals, leanResolve } from './lean-resolve';
import { rememberingKeysToSnakeCase } from './snake-case-keys';

/**
 * The one place where tierup replaces private cdktf functions to synthesize faster with the same bytes
 * (docs/performance.md, "Less work per resource: Terraform"). Each replacement names the cdktf files whose
 * behaviour it reproduces and the function it replaces; it is made only when the installed cdktf has the
 * version it was written for, those files have the text it was written for (SHA-256), and the live function is
 * still cdktf's own (its source text), so an upgrade, a patched install or another monkey-patch means cdktf's
 * own code runs. Replacements are in place only while tierup's own synthesis runs ({@link withCdktfShortcuts})
 * and are undone after, so a caller's own cdktf app never runs them. `TIERUP_CDKTF_SHORTCUTS=0` turns them off.
 */

/** The cdktf these shortcuts were written against. */
const CDKTF_VERSION = '0.21.0';

/** One function replaced in one loaded cdktf module. */
interface Shortcut {
  /** Module path under `cdktf/lib/`, without `.js`. */
  readonly module: string;
  readonly exportName: string;
  /** SHA-256 of the replaced function's source text (`Function.prototype.toString`). */
  readonly functionSha256: string;
  /** SHA-256 of every file whose private behaviour the replacement reproduces, by path under `cdktf/lib/`. */
  readonly files: Readonly<Record<string, string>>;
  /** The replacement, built from the loaded cdktf (`load`). */
  readonly build: (load: (module: string) => Record<string, unknown>) => unknown;
}

const SHORTCUTS: readonly Shortcut[] = [
  {
    // Token resolution: lean-resolve.ts.
    module: 'tokens/private/resolve',
    exportName: 'resolve',
    functionSha256: 'c994da7dc9aece4b95bffbf35fd85f4955af1ed66f225914ac27089192ce14da',
    files: {
      'tokens/private/resolve.js': '08c4dba33a40b05fd4f4c1957bd4102695c1b30df595bbb1ad1fb95fdc4a0382',
      'tokens/private/encoding.js': '5afaace6c605ac7a2da2a91f5fe0142ff0beadb69bc0c3650e9d071d136fd29f',
    },
    build: (load) => leanResolve({
      TokenString: load('tokens/private/encoding').TokenString,
      TokenMap: load('tokens/private/token-map').TokenMap,
      Token: load('tokens/token').Token,
      StringConcat: load('tokens/resolvable').StringConcat,
      errors: load('errors'),
    } as unknown as CdktfResolveInternals),
  },
  {
    // The meta-arguments' snake case: snake-case-keys.ts.
    module: 'util',
    exportName: 'keysToSnakeCase',
    functionSha256: '1af590549088b5485504ce763059de01f7f6547c4864a7aab35c7ffce67f45f8',
    files: { 'util.js': '0c07080443f1370efda3a4cb9781187b163ee4d930b04f93d08436dfd5243f02' },
    build: (load) => {
      const token = load('tokens/token') as { Tokenization: { isResolvable(x: unknown): boolean } };
      return rememberingKeysToSnakeCase({ isResolvable: (x) => token.Tokenization.isResolvable(x) });
    },
  },
];

/** How the shortcuts reach an installed cdktf; tests pass a different one. */
export interface InstalledCdktf {
  readonly version: string;
  /** The text of a file under `cdktf/lib/`, or undefined when there is none. */
  readSource(file: string): string | undefined;
  /** A loaded module under `cdktf/lib/`. */
  load(module: string): Record<string, unknown>;
}

/** A replacement checked against the installed cdktf: what to put where, and what was there. */
export interface CheckedShortcut {
  readonly target: Record<string, unknown>;
  readonly exportName: string;
  readonly original: unknown;
  readonly replacement: unknown;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The replacements whose checks pass against `cdktf` (all or none: they were measured together): the version,
 * every file's text and every replaced function's text must be the expected ones. Returns the reason otherwise.
 */
export function checkShortcuts(cdktf: InstalledCdktf): CheckedShortcut[] | string {
  if (cdktf.version !== CDKTF_VERSION) return `cdktf ${cdktf.version} is installed, the shortcuts are for ${CDKTF_VERSION}`;
  const checked: CheckedShortcut[] = [];
  for (const shortcut of SHORTCUTS) {
    for (const [file, expected] of Object.entries(shortcut.files)) {
      const text = cdktf.readSource(file);
      if (text === undefined || sha256(text) !== expected) return `cdktf/lib/${file} is not the file the shortcuts were written for`;
    }
    const target = cdktf.load(shortcut.module);
    const original = target[shortcut.exportName];
    if (typeof original !== 'function' || sha256(original.toString()) !== shortcut.functionSha256) {
      return `cdktf/lib/${shortcut.module}.${shortcut.exportName} is not the function the shortcuts replace`;
    }
    checked.push({ target, exportName: shortcut.exportName, original, replacement: shortcut.build((module) => cdktf.load(module)) });
  }
  return checked;
}

/** The cdktf tierup runs with (what `synthesizeTf` checks the shortcuts against). */
export const installedCdktf: InstalledCdktf = {
  /* eslint-disable @typescript-eslint/no-require-imports */
  version: (require('cdktf/package.json') as { version: string }).version,
  readSource(file) {
    try {
      return readFileSync(require.resolve(`cdktf/lib/${file}`), 'utf8');
    } catch {
      return undefined;
    }
  },
  load: (module) => require(`cdktf/lib/${module}`) as Record<string, unknown>,
  /* eslint-enable @typescript-eslint/no-require-imports */
};

let checkedOnce: CheckedShortcut[] | string | undefined;
let depth = 0;

/** Whether the shortcuts are switched on (`TIERUP_CDKTF_SHORTCUTS=0` switches them off). */
export function cdktfShortcutsEnabled(): boolean {
  return process.env.TIERUP_CDKTF_SHORTCUTS !== '0';
}

/**
 * Runs `synthesis` with the checked shortcuts in place, then puts cdktf's own functions back (also when it
 * throws). With the switch off or a check failed, it just runs `synthesis` on cdktf's own code.
 */
export function withCdktfShortcuts<T>(synthesis: () => T, cdktf: InstalledCdktf = installedCdktf): T {
  if (!cdktfShortcutsEnabled()) return synthesis();
  const shortcuts = cdktf === installedCdktf ? (checkedOnce ??= checkShortcuts(cdktf)) : checkShortcuts(cdktf);
  if (typeof shortcuts === 'string') return synthesis();
  if (depth === 0) for (const s of shortcuts) s.target[s.exportName] = s.replacement;
  depth += 1;
  try {
    return synthesis();
  } finally {
    depth -= 1;
    if (depth === 0) for (const s of shortcuts) s.target[s.exportName] = s.original;
  }
}
