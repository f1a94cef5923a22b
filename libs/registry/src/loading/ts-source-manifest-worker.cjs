'use strict';
// Entry of the manifest thread when the server runs from TypeScript sources (jest, `npm run bench`,
// ts-node): it makes the thread able to load the repo's .ts files (tools/repo-sources-in-thread.cjs),
// then the real entry, manifest-worker.ts. A built server (dist/) uses the compiled manifest-worker.js
// directly and never loads this file.
require('../../../../tools/repo-sources-in-thread.cjs').loadRepoSourcesInThisThread();

require('./manifest-worker.ts');
