/** Progress for long runs: shown on an interactive terminal, silent in CI, in pipes and with --quiet. */
export class Progress {
  private readonly enabled: boolean;

  /** `minimumSteps`: fewer steps than this show nothing (a one-blueprint synth is quick; a diff's three phases are not). */
  constructor(private readonly total: number, quiet: boolean, minimumSteps = 2) {
    this.enabled = !quiet && total >= minimumSteps && process.stderr.isTTY === true && !process.env.CI;
  }

  /** Reports that item `index` (0-based) is being worked on. */
  step(index: number, label: string): void {
    if (!this.enabled) return;
    process.stderr.write(`\r\x1b[K[${index + 1}/${this.total}] ${label}`);
  }

  /** Clears the progress line. */
  done(): void {
    if (this.enabled) process.stderr.write('\r\x1b[K');
  }
}
