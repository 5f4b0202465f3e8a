import { existsSync, mkdirSync, realpathSync, statfsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { CliError } from './cli-error';

/** Kernel pseudo-filesystems: writing a tree there fails or, for /proc, never returns (Node's recursive mkdir spins). */
const PSEUDO_ROOTS = ['/proc', '/sys', '/dev'] as const;

/** statfs magic numbers of proc, sysfs, devpts, cgroup and cgroup2 (linux/magic.h), for bind mounts elsewhere. */
const PSEUDO_MAGIC = new Set([0x9fa0, 0x62656572, 0x1cd1, 0x27e0eb, 0x63677270]);

/** Words for the error codes a user meets when a directory cannot be created. */
const CAUSES: Readonly<Record<string, string>> = {
  EROFS: 'the file system is read-only (EROFS)',
  EACCES: 'permission denied (EACCES)',
  EPERM: 'operation not permitted (EPERM)',
  ENOTDIR: 'a part of the path is a file, not a directory (ENOTDIR)',
  ENOSPC: 'the disk is full (ENOSPC)',
  EDQUOT: 'the disk quota is exhausted (EDQUOT)',
  ENAMETOOLONG: 'the path is too long (ENAMETOOLONG)',
};

/** "the file system is read-only (EROFS)": the cause of a failed write in words, with its code. */
export function describeWriteFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === undefined ? String(error) : (CAUSES[code] ?? code);
}

/**
 * Refuses an output directory under a kernel pseudo-filesystem before anything is written, with
 * a message that says so. `flag` names the option in the message (`--out`).
 */
export function refusePseudoFilesystem(path: string, flag: string): void {
  const absolute = resolve(path);
  const existing = nearestExisting(absolute);
  let real = existing;
  try {
    real = realpathSync(existing);
  } catch {
    // An unreadable ancestor is reported by the write that follows.
  }
  const target = join(real, relative(existing, absolute));
  const root = PSEUDO_ROOTS.find((candidate) => target === candidate || target.startsWith(`${candidate}${sep}`));
  let magic: number | undefined;
  try {
    magic = statfsSync(real).type;
  } catch {
    magic = undefined;
  }
  if (root !== undefined || (magic !== undefined && PSEUDO_MAGIC.has(magic))) {
    throw new CliError(`${flag} ${path} is on ${root ?? 'a kernel pseudo-filesystem'}, which holds kernel state, not files; nothing was written. Choose a directory on disk, e.g. ${flag} out`);
  }
}

/**
 * Creates a directory and its missing parents one level at a time, so a failure carries the
 * system's real cause: Node's recursive mkdir reports a read-only file system as ENOENT.
 */
export function makeDirectory(path: string): void {
  const absolute = resolve(path);
  const missing: string[] = [];
  for (let current = absolute; !existsSync(current); current = dirname(current)) {
    missing.unshift(current);
    if (dirname(current) === current) break;
  }
  for (const directory of missing) {
    try {
      mkdirSync(directory);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

function nearestExisting(path: string): string {
  let current = path;
  while (!existsSync(current) && dirname(current) !== current) current = dirname(current);
  return current;
}
