import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { ArchitecturePlan } from '../../../lib/plan';
import { synthesizeTf } from '../../../lib/render/tf/synthesize';
import { checkShortcuts, type InstalledCdktf, installedCdktf, withCdktfShortcuts } from '../../../lib/render/tf/synthesis/cdktf-shortcuts';
import { existingVpcFixture, planOf } from '../../fixtures/existing-vpc/existing-vpc';
import { EXAMPLE_FILES, examplePlan } from './examples';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { serviceBlueprint } = require('../../../bench/lib/service-blueprint') as { serviceBlueprint: (root: string, count: number) => string };

// The exports the shortcuts replace, as cdktf loaded them (before any synthesis in this file).
/* eslint-disable @typescript-eslint/no-require-imports */
const resolveModule = require('cdktf/lib/tokens/private/resolve') as Record<string, unknown>;
const utilModule = require('cdktf/lib/util') as Record<string, unknown>;
/* eslint-enable @typescript-eslint/no-require-imports */
const OWN = { resolve: resolveModule.resolve, keysToSnakeCase: utilModule.keysToSnakeCase };

/** Every file and folder under `dir`, by relative path (folders as `null`), with the file's bytes. */
function tree(dir: string): Record<string, string | null> {
  const entries: Record<string, string | null> = {};
  const walk = (current: string): void => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      entries[relative(dir, path)] = entry.isDirectory() ? null : readFileSync(path, 'latin1');
      if (entry.isDirectory()) walk(path);
    }
  };
  walk(dir);
  return entries;
}

/** The output directory `synthesizeTf` writes for `plan`, with the shortcuts on or off. */
function synthesized(plan: ArchitecturePlan, shortcuts: boolean, hcl: boolean): Record<string, string | null> {
  const outdir = mkdtempSync(join(tmpdir(), 'tierup-shortcuts-'));
  const before = process.env.TIERUP_CDKTF_SHORTCUTS;
  try {
    process.env.TIERUP_CDKTF_SHORTCUTS = shortcuts ? '1' : '0';
    synthesizeTf([plan], { outdir: join(outdir, 'cdktf.out'), hcl });
    return tree(outdir);
  } finally {
    if (before === undefined) delete process.env.TIERUP_CDKTF_SHORTCUTS;
    else process.env.TIERUP_CDKTF_SHORTCUTS = before;
    rmSync(outdir, { recursive: true, force: true });
  }
}

const PLANS: readonly (readonly [string, () => ArchitecturePlan])[] = [
  ...EXAMPLE_FILES.map((file) => [file, () => examplePlan(file)] as const),
  ...([1, 4, 7] as const).map((level) => [`team VPC, level ${level}`, () => planOf(existingVpcFixture(level))] as const),
  ['level 6, 25 generated services', () => planOf(serviceBlueprint(join(__dirname, '..', '..', '..'), 25), 'services-25.yaml')],
];

describe('the cdktf shortcuts', () => {
  it('apply to the installed cdktf', () => {
    const checked = checkShortcuts(installedCdktf);
    expect(typeof checked === 'string' ? checked : checked.map((shortcut) => shortcut.exportName)).toEqual(['resolve', 'keysToSnakeCase']);
  });

  describe.each(PLANS)('%s', (_name, plan) => {
    it.each([['JSON', false], ['HCL', true]])('writes the same %s output directory with them as without', (_format, hcl) => {
      const planned = plan();
      expect(synthesized(planned, true, hcl)).toEqual(synthesized(planned, false, hcl));
    });
  });

  it('are in place only while tierup synthesizes, also when the synthesis throws', () => {
    expect(withCdktfShortcuts(() => [resolveModule.resolve, utilModule.keysToSnakeCase])).not.toContain(OWN.resolve);
    expect(() => withCdktfShortcuts(() => {
      throw new Error('synthesis failed');
    })).toThrow('synthesis failed');
    expect({ resolve: resolveModule.resolve, keysToSnakeCase: utilModule.keysToSnakeCase }).toEqual(OWN);
  });

  it('stay off with TIERUP_CDKTF_SHORTCUTS=0', () => {
    process.env.TIERUP_CDKTF_SHORTCUTS = '0';
    try {
      expect(withCdktfShortcuts(() => resolveModule.resolve)).toBe(OWN.resolve);
    } finally {
      delete process.env.TIERUP_CDKTF_SHORTCUTS;
    }
  });

  // The installed cdktf as seen through one change: every other file and module as installed.
  const changed = (change: Partial<InstalledCdktf>): InstalledCdktf => ({
    version: change.version ?? installedCdktf.version,
    readSource: change.readSource ?? ((file) => installedCdktf.readSource(file)),
    load: change.load ?? ((module) => installedCdktf.load(module)),
  });

  it.each<[string, InstalledCdktf, RegExp]>([
    ['another cdktf version', changed({ version: '0.22.0' }), /cdktf 0\.22\.0 is installed/],
    ['a changed source file', changed({ readSource: (file) => `${installedCdktf.readSource(file)}${file === 'tokens/private/encoding.js' ? '\n// patched' : ''}` }), /encoding\.js is not the file/],
    ['a missing source file', changed({ readSource: (file) => (file === 'util.js' ? undefined : installedCdktf.readSource(file)) }), /util\.js is not the file/],
    ['a function replaced at run time', changed({ load: (module) => (module === 'tokens/private/resolve' ? { ...installedCdktf.load(module), resolve: (obj: unknown) => obj } : installedCdktf.load(module)) }), /resolve is not the function/],
    ['a function that is gone', changed({ load: (module) => (module === 'util' ? { ...installedCdktf.load(module), keysToSnakeCase: undefined } : installedCdktf.load(module)) }), /keysToSnakeCase is not the function/],
  ])('leave cdktf as it is for %s', (_name, cdktf, reason) => {
    expect(checkShortcuts(cdktf)).toMatch(reason);
    expect(withCdktfShortcuts(() => [resolveModule.resolve, utilModule.keysToSnakeCase], cdktf)).toEqual([OWN.resolve, OWN.keysToSnakeCase]);
  });
});
