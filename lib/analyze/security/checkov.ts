import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { CheckovEngine } from '../../plan';

/** One check of one resource, as checkov reported it. */
export interface CheckovResult {
  readonly engine: CheckovEngine;
  readonly check: string;
  readonly title: string;
  readonly status: 'passed' | 'failed' | 'skipped';
  /** checkov's resource id: `AWS::SQS::Queue.QueueEmailsQueue1A2B3C4D`, `aws_sqs_queue.queue_emails`. */
  readonly resource: string;
  /** The scanned file, relative to the scanned folder (leading `/`, as checkov writes it). */
  readonly file: string;
  /** The skip's comment, for a skipped check. */
  readonly comment: string | null;
}

/** What one checkov run over one folder found. */
export interface CheckovScan {
  readonly results: readonly CheckovResult[];
  readonly parsingErrors: readonly string[];
  /** Resources checkov read. */
  readonly resourceCount: number;
}

/**
 * The checkov executable: `$TIERUP_CHECKOV` (alone, when set), else the project's pinned one (`.venv-checkov/bin/checkov`, made
 * by scripts/test-prerequisites.sh) in the working directory or beside tierup's own package, else `checkov`
 * on PATH; null when there is none.
 */
export function findCheckov(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string | null {
  // A named one is the only candidate: naming a missing one is how to say "do not run checkov".
  if (env.TIERUP_CHECKOV) return isExecutable(env.TIERUP_CHECKOV) ? env.TIERUP_CHECKOV : null;
  const candidates = [
    join(cwd, '.venv-checkov', 'bin', 'checkov'),
    join(__dirname, '..', '..', '..', '.venv-checkov', 'bin', 'checkov'),
    join(__dirname, '..', '..', '..', '..', '.venv-checkov', 'bin', 'checkov'),
    ...(env.PATH ?? '').split(delimiter).filter((entry) => entry !== '').map((entry) => join(entry, 'checkov')),
  ];
  return candidates.find(isExecutable) ?? null;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * checkov's arguments for one engine over one folder: offline (`--skip-download`: otherwise it fetches its
 * policy metadata from the network), every file of the folder in one process (each process costs seconds).
 */
export function checkovArguments(engine: CheckovEngine, directory: string): string[] {
  // Not --quiet: it leaves passed and skipped checks out of the JSON report.
  return ['-d', directory, '--framework', engine, '--skip-download', '--compact', '-o', 'json'];
}

/** Runs checkov over a folder of one engine's files and waits for it (the CLI's `validate --deep`). */
export function scanCheckovSync(executable: string, engine: CheckovEngine, directory: string): CheckovScan {
  const run = spawnSync(executable, checkovArguments(engine, directory), { encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024, env: checkovEnvironment() });
  return parseCheckov(engine, run.stdout, run.error?.message ?? run.stderr);
}

/** Runs checkov over a folder of one engine's files; several may run at once, one per core. */
export function scanCheckov(executable: string, engine: CheckovEngine, directory: string): Promise<CheckovScan> {
  return new Promise((resolve, reject) => {
    const child = spawn(executable, checkovArguments(engine, directory), { env: checkovEnvironment() });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', () => {
      try {
        resolve(parseCheckov(engine, Buffer.concat(out).toString('utf8'), Buffer.concat(err).toString('utf8')));
      } catch (error) {
        reject(error);
      }
    });
  });
}

/** No telemetry, no prompts, no version check: checkov runs offline. */
function checkovEnvironment(): NodeJS.ProcessEnv {
  return { ...process.env, BC_SKIP_MAPPING: 'TRUE', CHECKOV_RUN_SCA_PACKAGE_SCAN_V2: 'false', ANSI_COLORS_DISABLED: 'true' };
}

interface CheckovReport {
  readonly check_type?: string;
  readonly results?: Readonly<Record<'passed_checks' | 'failed_checks' | 'skipped_checks', readonly CheckovRecord[]>>;
  readonly summary?: { readonly parsing_errors?: number; readonly resource_count?: number };
}

interface CheckovRecord {
  readonly check_id: string;
  readonly check_name: string;
  readonly resource: string;
  readonly file_path: string;
  readonly check_result?: { readonly suppress_comment?: string };
}

/** checkov's JSON report (one report, or a list of them) as results; throws with checkov's own words when it wrote none. */
export function parseCheckov(engine: CheckovEngine, stdout: string, stderr: string): CheckovScan {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    throw new Error(`checkov wrote no JSON report for ${engine}: ${(stderr || stdout).trim().slice(0, 2000)}`);
  }
  const reports = (Array.isArray(parsed) ? parsed : [parsed]) as CheckovReport[];
  const results = reports.flatMap((report) => (['passed', 'failed', 'skipped'] as const).flatMap((status) =>
    (report.results?.[`${status}_checks`] ?? []).map((record): CheckovResult => ({
      engine,
      check: record.check_id,
      title: record.check_name,
      status,
      resource: record.resource,
      file: record.file_path,
      comment: status === 'skipped' ? record.check_result?.suppress_comment ?? null : null,
    }))));
  const parsingErrors = reports.filter((report) => (report.summary?.parsing_errors ?? 0) > 0).map((report) => `${report.check_type}: ${report.summary?.parsing_errors} file(s) not parsed`);
  return { results, parsingErrors, resourceCount: reports.reduce((total, report) => total + (report.summary?.resource_count ?? 0), 0) };
}

/** The acknowledgement a skip names (`[<name>] <reason>`), or null for a skip tierup did not write. */
export function acknowledgementOf(result: CheckovResult): string | null {
  return /^\[(\w+)\]/.exec(result.comment ?? '')?.[1] ?? null;
}
