// `npm run openapi`: writes docs/openapi.json, the document of a server with the shipped plugins only.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildCommittedDocument, COMMITTED_DOCUMENT_PATH } from './committed-document';

buildCommittedDocument()
  .then((document) => {
    writeFileSync(resolve(__dirname, '../../../..', COMMITTED_DOCUMENT_PATH), document);
    process.stdout.write(`Wrote ${COMMITTED_DOCUMENT_PATH} (${document.length} bytes).\n`);
  })
  .catch((error: unknown) => {
    process.stderr.write(`Could not write ${COMMITTED_DOCUMENT_PATH}: ${String(error)}\n`);
    process.exit(1);
  });
