// The e2e project's setup file (jest.config.ts): every response an e2e test receives through supertest
// or fetch is checked against the OpenAPI document of the server that sent it (docs/api.md, "Contract check").
import { ContractRecorder } from './contract-recorder';

const recorder = new ContractRecorder().install();

async function expectConforming(): Promise<void> {
  const violations = await recorder.violations();
  if (violations.length > 0) {
    throw new Error(
      `The server answered outside its OpenAPI document: fix the server, or the document (apps/api/src/openapi, the controllers' @Api* decorators).\n  ${violations.join('\n  ')}`,
    );
  }
}

afterEach(expectConforming);
afterAll(expectConforming);
