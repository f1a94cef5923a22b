#!/usr/bin/env node
'use strict';
// `npm run g:plugin -- <name> [options]`: the plugin schematic with every option, from any folder
// (`nest g plugin` passes on only the Nest CLI's own options). See plugin-cli.ts.
require('../../../compile-on-require.cjs').compileTypeScriptUnder(require('node:path').join(__dirname, '..'));

void require('./plugin-cli.ts').runPluginCliFromProcess();
