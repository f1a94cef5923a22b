// The e2e project's timeout (jest.config.ts): an e2e hook boots a whole app, which on a loaded CI machine
// took more than jest's default 5 s. Set here, per test file, because jest-circus reads `testTimeout`
// from the global config only: the e2e project's own `testTimeout` was ignored (a CI run failed on a
// 5 s hook timeout in test/vision-plugins.e2e-spec.ts). A spec's own `jest.setTimeout` still overrides it.
jest.setTimeout(30_000);
