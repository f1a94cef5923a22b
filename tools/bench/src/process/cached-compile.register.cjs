'use strict';
// Preloaded (`-r`, after ts-node) by every bench child: the TypeScript of libs/ and tools/bench/ is
// compiled by tools/compile-on-require.cjs, whose output is cached on disk by hash of the source, instead
// of by ts-node again at every start (more than a second of each child's start-up on a 2-core machine).
// For these folders it emits the JavaScript ts-node emits with the repo's tsconfig, and it is what the
// worker threads of a server run from sources already run (libs/runtime/src/worker/ts-source-worker.cjs).
// apps/ stays with ts-node: compile-on-require compiles without `strict`, which changes the decorator
// metadata of optional controller parameters.
const { join } = require('node:path');
const { compileTypeScriptUnder } = require('../../../compile-on-require.cjs');

const repoRoot = join(__dirname, '..', '..', '..', '..');
compileTypeScriptUnder(join(repoRoot, 'libs'));
compileTypeScriptUnder(join(repoRoot, 'tools', 'bench', 'src'));
