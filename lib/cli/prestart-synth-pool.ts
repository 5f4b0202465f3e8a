import { synthShape } from './synth-shape';

// Imported by bin/tierup.ts right after the code cache: a `synth` run starts its pool's workers now, so
// that they boot and load their engine while this thread loads yargs, the commands and the blueprints.
// The synth command then takes the same workers (SynthPool.start); a guess that was wrong costs time,
// never output. Other commands load nothing more than this file and synth-shape.ts.
const shape = synthShape(process.argv.slice(2));
if (shape) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { SynthPool } = require('./synth-pool') as typeof import('./synth-pool');
  SynthPool.start(shape.blueprints, shape.engines);
}
