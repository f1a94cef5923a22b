'use strict';
// Worker entry used when the server runs from TypeScript sources (jest, `npm run bench`, ts-node): it
// makes the thread able to load the repo's .ts files (tools/repo-sources-in-thread.cjs), then the real
// entry, tool-worker.ts. A built server (dist/) uses the compiled tool-worker.js directly and never
// loads this file.
require('../../../../tools/repo-sources-in-thread.cjs').loadRepoSourcesInThisThread();

module.exports = require('./tool-worker.ts');
