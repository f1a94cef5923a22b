'use strict';
// Entry point (`main`) of eslint-plugin-forgesyte, in its two shapes:
// - packed (`npm pack`, whose `prepack` compiles src/ into dist/): the package holds dist/ and no src/,
//   and needs nothing outside itself;
// - in the ForgeSyte checkout, where src/ is: the TypeScript sources, compiled in memory by
//   ./from-source.cjs (never packed), so the repo's lint, CI and editors use them right after
//   `npm install`, with no build step and no stale dist/.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

module.exports = existsSync(join(__dirname, 'src')) ? require('./from-source.cjs') : require('./dist/index.js').default;
