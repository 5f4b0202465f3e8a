import { existsSync, readdirSync, readFileSync, watch, type FSWatcher } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { RenderedBlueprint } from '../analyze/upgrade-diff';
import type { SynthHooks, SynthRun } from './commands/synth';
import type { Engine } from './synth-jobs';

/** What `synth --watch` needs of the synth command's options. */
export interface WatchOptions {
  readonly specs: readonly string[];
  readonly out: string;
  readonly target: 'cfn' | 'tf' | 'both';
}

/** One blueprint's output as read back from the output directory, for counting and diffing. */
type Snapshot = RenderedBlueprint;

/** A synthesis that succeeded, and its output as read back. */
interface Good {
  readonly run: SynthRun;
  readonly snapshots: readonly Snapshot[];
}

/**
 * Saves closer together than this are one change. An editor writes a file in several steps (truncate
 * and write, or write a copy and rename it over the original) a few milliseconds apart at most, and
 * inotify reports each within a millisecond; 40 ms of quiet is ten times that, and is waited before
 * every re-synthesis (80 ms until issue 24).
 */
const SETTLE_MS = 40;

/**
 * `tierup synth --watch`: synthesizes once, then again in the same process on every save of a
 * blueprint, printing what changed: resource counts per target and `diff`'s verdict against the
 * previous output. The modules stay loaded and the synth pool's workers stay alive with their engine,
 * so a re-synthesis costs the work alone; a blueprint whose plan did not change keeps its output
 * (commands/synth.ts). `synthOnce` is the synth command itself; a failed run (a bad edit) prints its
 * errors, keeps the previous output, and the watch goes on. Runs until interrupted (Ctrl-C).
 */
export async function watchSynth(options: WatchOptions, synthOnce: (hooks: SynthHooks) => Promise<SynthRun | undefined>): Promise<void> {
  // The reports are the results of a watch: printed with --quiet too (which silences synth's file list).
  const say = (line: string) => process.stdout.write(`${line}\n`);
  let warm = false;
  const warmUp = () => {
    warm = true;
    warmUpDiff();
  };
  // The diff's first change loads the resource spec (about 0.5 s): done while the pool's workers finish the first synthesis.
  let previous = await runOnce(options, synthOnce, null, warmUp);

  const files = new Set(options.specs.map((spec) => resolve(spec)));
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const changed = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      running = running.then(async () => {
        const started = process.hrtime.bigint();
        const next = await runOnce(options, synthOnce, previous);
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        if (next === null) {
          say(`${clock()} synth failed in ${seconds.toFixed(2)} s; previous output kept; watching`);
          return;
        }
        // The diff analysis is loaded by the warm-up or here, not at start-up.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { diffBlueprints } = require('../analyze/upgrade-diff') as typeof import('../analyze/upgrade-diff');
        const lines = next.snapshots.flatMap((snapshot, index) => describeChange(options.specs[index], previous?.snapshots[index], snapshot, diffBlueprints));
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
  // Without a worker (one core, TIERUP_WORKERS=0) the first synthesis had no idle moment: warm up now, before any save.
  if (!warm) setImmediate(warmUp);
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
  // The pool's workers may still be alive (they are unref'd); nothing is left to wait for.
  process.exit(process.exitCode ?? 0);
}

/**
 * One synthesis; the blueprints' output read back, or null when it failed (its errors are printed
 * already). Each job's files are parsed as soon as the pool reports them written (from its staging
 * folder: the same bytes, swapped in by a rename), while other jobs still run; a blueprint that kept
 * its output keeps its snapshot.
 */
async function runOnce(options: WatchOptions, synthOnce: (hooks: SynthHooks) => Promise<SynthRun | undefined>, previous: Good | null, idle?: () => void): Promise<Good | null> {
  const templates = new Map<number, Snapshot['cfn']>();
  const configs = new Map<number, Snapshot['tf']>();
  const written = (blueprint: number, engine: Engine, outdir: string) => {
    try {
      if (engine === 'cfn') templates.set(blueprint, readCfn(outdir));
      else configs.set(blueprint, readTf(outdir));
    } catch {
      // read from its final place below
    }
  };
  process.exitCode = 0;
  const run = await synthOnce({ previous: previous?.run, written, idle });
  if (run === undefined || process.exitCode !== 0) {
    process.exitCode = 0;
    return null;
  }
  const folder = (index: number, engine: Engine) => join(options.out, run.outputs[index].find((output) => output.engine === engine)?.path ?? '');
  const snapshots = run.blueprints.map(({ plan }, index): Snapshot => (!run.rendered[index] && previous ? previous.snapshots[index] : {
    plan,
    cfn: options.target === 'tf' ? null : templates.get(index) ?? readCfn(folder(index, 'cfn')),
    tf: options.target === 'cfn' ? null : configs.get(index) ?? readTf(folder(index, 'tf')),
  }));
  return { run, snapshots };
}

/**
 * Runs the diff once on a throwaway change, so that the first save's report does not wait while
 * @aws-cdk/cloudformation-diff and the stateful types load the resource spec (0.5-1 s of CPU).
 * Nothing is printed; a failure here is left to the first real diff, which reports it.
 */
function warmUpDiff(): void {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { diffCfnTemplates } = require('../analyze/upgrade-diff') as typeof import('../analyze/upgrade-diff');
    const queue = (delay: number) => ({ warm: { Resources: { Queue: { Type: 'AWS::SQS::Queue', Properties: { DelaySeconds: delay } } } } });
    diffCfnTemplates(queue(0), queue(1));
  } catch {
    // the first real diff reports it
  }
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
  // A blueprint that kept its output is its own previous snapshot: nothing to diff (30 ms each, saved per blueprint and save).
  if (before === after) return [...lines, '  diff: no change'];
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
