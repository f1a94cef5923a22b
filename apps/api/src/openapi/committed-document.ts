import { createApp } from '../bootstrap';
import { loadConfig } from '../config/load-config';
import { OpenApiDocuments } from './openapi-documents.service';

/** Where the committed document lives, from the repository root (`npm run openapi` writes it). */
export const COMMITTED_DOCUMENT_PATH = 'docs/openapi.json';

/**
 * The full document of a server with the shipped plugins only, as committed: keys sorted at every
 * level, two-space indented, ending with a newline, and nothing that changes from run to run (the
 * examples' times and ids are fixed).
 */
export async function buildCommittedDocument(): Promise<string> {
  const app = await createApp(loadConfig({ FORGESYTE_ADMIN_KEY: 'openapi-generator-key-0123456789', FORGESYTE_JOB_STORE: 'memory' }), { log: false });
  try {
    await app.init();
    return `${JSON.stringify(sortKeys(JSON.parse(app.get(OpenApiDocuments).variant('full'))), null, 2)}\n`;
  } finally {
    await app.close();
  }
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}
