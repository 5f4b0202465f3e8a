module.exports = require('./private-tmpdir').setup;
