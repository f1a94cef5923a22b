import type { LoggerService } from '@nestjs/common';

/**
 * A Nest logger that writes nothing, for testing modules: failure-path tests (plugins that fail to load,
 * runner bugs on purpose) would otherwise fill the output with expected errors. Tests that assert
 * logging spy on `Logger` instead.
 */
export const SILENT_LOGGER: LoggerService = { log() {}, error() {}, warn() {}, debug() {}, verbose() {}, fatal() {} };
