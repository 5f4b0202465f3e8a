// Its own module, free of zod: the plan's boot script writes this delimiter, and the renderers that
// build boot scripts load the plan's boot modules without the blueprint schemas (docs/performance.md).

/** Ends the here-document that writes `bootScript` on the instance, so no line of it may be this. */
export const BOOT_SCRIPT_DELIMITER = 'TIERUP_BOOT_SCRIPT_EOF';
