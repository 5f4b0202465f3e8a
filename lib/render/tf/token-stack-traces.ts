/**
 * cdktf 0.21 records a full stack trace (with `Error.stackTraceLimit` raised to the maximum) for every
 * token it creates: every attribute reference and every nested output object of a provider resource.
 * The traces appear only in the messages of errors that tierup never lets through (a token that fails
 * to resolve), never in the output, and they were 10% of a 100-service synthesis. cdktf has no switch
 * for them (aws-cdk-lib stopped capturing token traces itself), so this replaces the one function that
 * captures them. Every caller reads it through the module's exports at call time, `(0, stack_trace_1.captureStackTrace)()`,
 * which is why replacing the export is enough; test/render/tf/token-stack-traces.test.ts fails if a
 * cdktf upgrade changes that.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const stackTraceModule = require('cdktf/lib/tokens/private/stack-trace') as { captureStackTrace: (below?: unknown) => string[] };

/** Stops cdktf from capturing a stack trace per token from now on (idempotent; output is unaffected). */
export function disableTokenStackTraces(): void {
  stackTraceModule.captureStackTrace = () => [];
}
