/** One problem in a blueprint, located in its file. */
export interface SpecProblem {
  /** The blueprint file, as the user named it. */
  readonly file: string;
  /** 1-based line, 0 when the problem concerns the whole file. */
  readonly line: number;
  /** 1-based column, 0 when the problem concerns the whole file. */
  readonly column: number;
  /** The field in dotted form (`app.scaling.min`, `queues[1].name`), or "" for the whole file. */
  readonly field: string;
  /** What is wrong. */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
}

/** A blueprint that cannot be used; carries every problem found, so users fix them in one pass. */
export class SpecError extends Error {
  constructor(readonly problems: readonly SpecProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'SpecError';
  }
}

/** `file:line:column: field: message (fix: …)`, the form editors and CI logs link to. */
export function formatProblem(problem: SpecProblem): string {
  const where = problem.line > 0 ? `${problem.file}:${problem.line}:${problem.column}` : problem.file;
  const field = problem.field ? ` \`${problem.field}\`` : '';
  return `${where}: error${field}: ${problem.message}\n  fix: ${problem.fix}`;
}

/** Renders a path like ["queues", 1, "name"] as "queues[1].name". */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((segment, index) =>
      typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${String(segment)}`,
    )
    .join('');
}
