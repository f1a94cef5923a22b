import type { Config } from 'jest';

const moduleNameMapper = {
  '^@forgesyte/plugins/(.*)$': '<rootDir>/libs/plugins/$1/src',
  '^@forgesyte/image-io/testing$': '<rootDir>/libs/image-io/src/testing',
  '^@forgesyte/plugin-sdk/testing$': '<rootDir>/libs/plugin-sdk/src/testing',
  '^@forgesyte/execution/testing$': '<rootDir>/libs/execution/src/testing',
  '^@forgesyte/(plugin-sdk|errors|registry|runtime|execution|keys|engine|image-io|shipped-plugins|client)$': '<rootDir>/libs/$1/src',
};

const transform = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
} as const;

const shared = { rootDir: '.', testEnvironment: 'node', moduleFileExtensions: ['ts', 'js', 'json'], moduleNameMapper, transform };

const config: Config = {
  // Jest ends its process once every suite has reported, whatever is still open. Two red CI runs printed
  // their summary and never exited, and a walk-through's run of one e2e file sat idle after its tests: either
  // would hold CI until its time limit. The open handle was not found; every suite closes its apps,
  // servers, child processes and redis-servers in its afterAll.
  forceExit: true,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/apps/**/*.spec.ts', '<rootDir>/libs/**/*.spec.ts', '<rootDir>/tools/**/*.spec.ts', '<rootDir>/test/architecture/*.spec.ts', '<rootDir>/test/support/*.spec.ts'] },
    // e2e-timeout.setup.ts: 30 s for every test and hook (a project's own `testTimeout` is ignored by jest-circus).
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/e2e-timeout.setup.ts', '<rootDir>/test/support/contract-setup.ts'],
    },
  ],
};

export default config;
