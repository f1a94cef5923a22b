'use strict';
// What collection.json points the engine at: plugin.factory.ts, compiled in memory on require (see
// tools/compile-on-require.cjs). It sits beside files/ because the engine resolves url('./files') from
// the directory of the factory it loaded.
const { join } = require('node:path');
require('../../../compile-on-require.cjs').compileTypeScriptUnder(join(__dirname, '..'));

module.exports = require('./plugin.factory.ts');
