'use strict';
// Entry point of eslint-plugin-forgesyte. The plugin is consumed from its TypeScript source (it is never
// published or built): ../compile-on-require.cjs compiles src/**/*.ts in memory, so ESLint in the CLI,
// in CI and in every editor loads it straight after `npm install`.
const { join } = require('node:path');
require('../compile-on-require.cjs').compileTypeScriptUnder(join(__dirname, 'src'));

module.exports = require('./src/index.ts').default;
