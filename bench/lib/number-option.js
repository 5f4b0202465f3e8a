'use strict';
/** The number after `name` in `argv` (`--runs 7`), or `fallback` when `name` is absent. */
function numberOption(argv, name, fallback) {
  const at = argv.indexOf(name);
  return at >= 0 ? Number(argv[at + 1]) : fallback;
}

module.exports = { numberOption };
