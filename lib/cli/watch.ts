import { existsSync, readdirSync, readFileSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { RenderedBlueprint } from '../analyze/upgrade-diff';
import { loadPlans } from './load-plans';

/** What `synth --watch` needs of the synth command's options. */
export interface WatchOptions {
  readonly specs: readonly string[];
  readonly out: string;
  readonly target: 'cfn' | 'tf' | 'both';
}

/** One blueprint's output as read back from the output directory, for counting and diffing. */
type Snapshot = RenderedBlueprint;

/** Saves closer together than this are one change (editors write a file in several steps). */
const SETTLE_MS = 80;

/**
 * `tierup synth --watch`: synthesizes once, then again in the same process on every save of a
 * blueprint, printing what changed: resource counts per target and `diff`'s verdict against the
 * previous output. The modules stay loaded (and the Terraform worker stays warm), so a re-synthesis
 * costs the work alone. `synthOnce` is the synth command itself; a failed run (a bad edit) prints its
 * errors, keeps the previous output, and the watch goes on. Runs until interrupted (Ctrl-C).
 */
export async function watchSynth(options: WatchOptions, synthOnce: () => Promise<void> | void): Promise<void> {
  // The reports are the results of a watch: printed with --quiet too (which silences synth's file list).
  const say = (line: string) => process.stdout.write(`${line}\n`);
  let previous = await runOnce(options, synthOnce);

  const files = new Set(options.specs.map((spec) => resolve(spec)));
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const changed = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      running = running.then(async () => {
        const started = process.hrtime.bigint();
        const next = await runOnce(options, synthOnce);
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        if (next === null) {
          say(`${clock()} synth failed in ${seconds.toFixed(2)} s; previous output kept; watching`);
          return;
        }
        // The diff analysis is loaded on the first change, not at start-up.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { diffBlueprints } = require('../analyze/upgrade-diff') as typeof import('../analyze/upgrade-diff');
        const lines = next.flatMap((snapshot, index) => describeChange(options.specs[index], previous?.[index], snapshot, diffBlueprints));
        // One write per report, so that a reader never sees half of one.
        say([`${clock()} re-synthesized in ${seconds.toFixed(2)} s`, ...lines].join('\n'));
        previous = next;
      });
    }, SETTLE_MS);
  };
  // Directories, not files: editors save by writing a new file and renaming it over the old one.
  const watchers: FSWatcher[] = [...new Set([...files].map((file) => dirname(file)))].map((directory) =>
    watch(directory, (_event, name) => {
      if (name !== null && files.has(join(directory, name.toString()))) changed();
    }));
  say(`watching ${options.specs.join(', ')}; Ctrl-C to stop`);
  await new Promise<void>((stop) => {
    const finish = () => {
      watchers.forEach((watcher) => watcher.close());
      if (timer) clearTimeout(timer);
      process.exitCode = 0;
      stop();
    };
    process.once('SIGINT', finish);
    process.once('SIGTERM', finish);
  });
  await running;
  // The Terraform worker may still be alive (it is unref'd); nothing is left to wait for.
  process.exit(process.exitCode ?? 0);
}

/** One synthesis; the blueprints' output read back, or null when it failed (its errors are printed already). */
async function runOnce(options: WatchOptions, synthOnce: () => Promise<void> | void): Promise<Snapshot[] | null> {
  process.exitCode = 0;
  await synthOnce();
  if (process.exitCode !== 0) {
    process.exitCode = 0;
    return null;
  }
  let plans;
  try {
    plans = loadPlans(options.specs);
  } catch {
    return null; // saved again between the synthesis and now; the next event brings it
  }
  return plans.map(({ file, plan }) => {
    const folder = options.specs.length === 1 ? options.out : join(options.out, basename(file, extname(file)));
    return { plan, cfn: options.target === 'tf' ? null : readCfn(join(folder, 'cdk.out')), tf: options.target === 'cfn' ? null : readTf(join(folder, 'cdktf.out')) };
  });
}

function readCfn(directory: string): Snapshot['cfn'] {
  if (!existsSync(directory)) return {};
  return Object.fromEntries(readdirSync(directory).filter((file) => file.endsWith('.template.json')).toSorted()
    .map((file) => [file.slice(0, -'.template.json'.length), JSON.parse(readFileSync(join(directory, file), 'utf8'))]));
}

function readTf(directory: string): Snapshot['tf'] {
  const stacks = join(directory, 'stacks');
  if (!existsSync(stacks)) return {};
  return Object.fromEntries(readdirSync(stacks).toSorted().filter((stack) => existsSync(join(stacks, stack, 'cdk.tf.json')))
    .map((stack) => [stack, JSON.parse(readFileSync(join(stacks, stack, 'cdk.tf.json'), 'utf8'))]));
}

/** The lines printed for one blueprint after a re-synthesis: counts before → after, and the diff's verdict. */
export function describeChange(
  spec: string,
  before: Snapshot | undefined,
  after: Snapshot,
  diffBlueprints: typeof import('../analyze/upgrade-diff').diffBlueprints,
): string[] {
  const counts = (['cfn', 'tf'] as const).filter((target) => after[target] !== null).map((target) => {
    const [was, now] = [before ? countOf(before, target) : 0, countOf(after, target)];
    const delta = now - was;
    return `${target} ${was} → ${now} resources${delta === 0 ? '' : ` (${delta > 0 ? '+' : ''}${delta})`}`;
  });
  const lines = [`  ${spec}: ${counts.join(', ')}`];
  if (!before) return lines;
  const diff = diffBlueprints(before, after);
  const tally = (['add', 'update', 'replace', 'destroy', 'orphan'] as const)
    .map((action) => [action, diff.changes.filter((change) => change.action === action).length] as const)
    .filter(([, count]) => count > 0)
    .map(([action, count]) => `${count} ${action}`);
  if (diff.changes.length === 0) lines.push('  diff: no change');
  else lines.push(`  diff: ${diff.safe ? 'safe' : 'UNSAFE: a stateful resource would be replaced or destroyed, or a database asked for another major version'} (${tally.join(', ')})`);
  for (const change of diff.changes.filter((c) => c.stateful && (c.action === 'replace' || c.action === 'destroy'))) {
    lines.push(`    ${change.target} ${change.stack}: ${change.action} ${change.type} ${change.id}${change.causes.length ? ` [${change.causes.join('; ')}]` : ''}`);
  }
  return lines;
}

function countOf(snapshot: Snapshot, target: 'cfn' | 'tf'): number {
  if (target === 'cfn') return Object.values(snapshot.cfn ?? {}).reduce((total, template) => total + Object.keys(template.Resources ?? {}).length, 0);
  return Object.values(snapshot.tf ?? {}).reduce((total, config) => total + Object.values(config.resource ?? {}).reduce((sum, byName) => sum + Object.keys(byName).length, 0), 0);
}

function clock(): string {
  return new Date().toISOString().slice(11, 19);
}
