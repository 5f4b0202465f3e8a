/** Text styles for terminal output; each is the identity when colour is off. */
export interface Paint {
  readonly red: (text: string) => string;
  readonly green: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly bold: (text: string) => string;
}

const PLAIN: Paint = { red: (t) => t, green: (t) => t, yellow: (t) => t, bold: (t) => t };

const sgr = (open: number, close: number) => (text: string) => `\x1b[${open}m${text}\x1b[${close}m`;
const ANSI: Paint = { red: sgr(31, 39), green: sgr(32, 39), yellow: sgr(33, 39), bold: sgr(1, 22) };

/**
 * Colour on an interactive terminal only: none when NO_COLOR is set (https://no-color.org), in CI,
 * with TERM=dumb, or when the stream is a pipe or a file. FORCE_COLOR (non-empty, not 0) turns it on
 * anywhere, for tools that render ANSI; NO_COLOR still wins.
 */
export function colourEnabled(stream: { readonly isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0') return true;
  if (env.CI || env.TERM === 'dumb') return false;
  return stream.isTTY === true;
}

/** The styles for output written to `stream`. */
export function paintFor(stream: { readonly isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): Paint {
  return colourEnabled(stream, env) ? ANSI : PLAIN;
}
