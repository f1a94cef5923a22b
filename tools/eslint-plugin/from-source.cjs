'use strict';
// The plugin from its TypeScript sources, in the ForgeSyte checkout only (index.cjs picks it when src/ is
// here; it is not packed): ../compile-on-require.cjs compiles src/**/*.ts in memory.
const { join } = require('node:path');
require('../compile-on-require.cjs').compileTypeScriptUnder(join(__dirname, 'src'));

module.exports = require('./src/index.ts').default;
