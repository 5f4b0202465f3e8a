import type { Engine } from './synth-jobs';

/** Options of `synth` that take a value (the rest are flags). */
const VALUE_OPTIONS = new Set(['--target', '--out']);

/**
 * What `tierup synth …` will render, read from the raw arguments before yargs and the commands load;
 * undefined for any other command, for help, and for arguments it cannot read (yargs decides then).
 */
export function synthShape(args: readonly string[]): { readonly blueprints: number; readonly engines: Engine[] } | undefined {
  let command: string | undefined;
  let target = 'both';
  let blueprints = 0;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index];
    if (arg === '--help' || arg === '-h' || arg === '--version' || arg === '--') return undefined;
    if (arg.startsWith('-')) {
      const [name, value] = arg.split(/=(.*)/s);
      if (!VALUE_OPTIONS.has(name)) continue;
      const given = value ?? args[(index += 1)];
      if (name === '--target') target = given;
    } else if (command === undefined) {
      command = arg;
    } else {
      blueprints += 1;
    }
  }
  if (command !== 'synth' || blueprints === 0) return undefined;
  if (target === 'both') return { blueprints, engines: ['cfn', 'tf'] };
  return target === 'cfn' || target === 'tf' ? { blueprints, engines: [target] } : undefined;
}
