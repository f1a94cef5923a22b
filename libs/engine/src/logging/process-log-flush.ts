import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { flushProcessLogs } from './process-logger';

/** Writes out the process's buffered log lines once the application has shut down (see {@link flushProcessLogs}). */
@Injectable()
export class ProcessLogFlush implements OnApplicationShutdown {
  onApplicationShutdown(): void {
    flushProcessLogs();
  }
}
