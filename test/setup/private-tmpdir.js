// Jest globalSetup / globalTeardown: the whole run gets one temporary directory of its own (TMPDIR, which
// every worker inherits), removed when the run ends, so `npm test` leaves nothing in the system's.
const { chmodSync, mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

module.exports = {
  setup: async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tierup-test-'));
    // Traversable by the service users the boot tests run PostgreSQL and nginx as, like /tmp itself.
    chmodSync(dir, 0o711);
    process.env.TIERUP_TEST_TMPDIR = dir;
    process.env.TMPDIR = dir;
  },
  teardown: async () => {
    const dir = process.env.TIERUP_TEST_TMPDIR;
    if (dir) rmSync(dir, { recursive: true, force: true });
  },
};
