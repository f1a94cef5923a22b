// The values every example of the OpenAPI document uses, in one place: fixed, so that the committed
// document does not change from run to run, and neutral, so that the public document names no plugin.

/** The job id of every example. */
export const EXAMPLE_JOB_ID = '3f6c1a52-8a0e-4a59-9a3e-6f1f4d0c2b7e';

/** The request id of every example envelope. */
export const EXAMPLE_REQUEST_ID = '0b0e6c9e-1f1d-4c8e-9d7e-2f4c1f0a7b3d';

/** The time of every example. */
export const EXAMPLE_TIME = new Date('2026-12-05T13:00:00.000Z');

/** {@link EXAMPLE_TIME} as the API writes times. */
export const EXAMPLE_TIMESTAMP = EXAMPLE_TIME.toISOString();

/** The plugin of every example: no plugin's real name (the public document names none). */
export const EXAMPLE_PLUGIN = 'your-plugin';

/** The tool of every example. */
export const EXAMPLE_TOOL = 'your-tool';

/** The stored key id of every example. */
export const EXAMPLE_KEY_ID = 'k3f6c1a528a0e4a599a3e';

/** The key of every example (a made-up secret). */
export const EXAMPLE_KEY = `fsk_${EXAMPLE_KEY_ID}_ExampleSecretExampleSecretExampleSecret0123`;
