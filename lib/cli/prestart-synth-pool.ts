import { SynthPool, synthShape } from './synth-pool';

// Imported by bin/tierup.ts right after the code cache: a `synth` run starts its pool's workers now, so
// that they boot and load their engine while this thread loads yargs, the commands and the blueprints.
// The synth command then takes the same workers (SynthPool.start); a guess that was wrong costs time, never output.
const shape = synthShape(process.argv.slice(2));
if (shape) SynthPool.start(shape.blueprints, shape.engines);
