import { Injectable, Logger } from '@nestjs/common';
import { errorMessageOf } from '@forgesyte/errors';
import { PluginScope } from './plugin-scope';

/** What escaped: the two process events this handles. */
export type UncaughtKind = 'uncaught exception' | 'unhandled rejection';

/** Whether this process has its handlers: one pair per process, however many apps it boots. */
let installed = false;

/**
 * The process's handlers of uncaught exceptions and unhandled rejections. One that escapes plugin code
 * in the server's thread (a timer or callback its module, `init` or an inline call scheduled: see
 * {@link PluginScope}) is logged and makes that plugin UNAVAILABLE until the server restarts, and the
 * server carries on. Any other is the server's own bug: logged, and the process exits with code 1, as
 * Node would (a process in an unknown state must not keep serving; a supervisor restarts it, and
 * crash recovery fails its running jobs as JOB_INTERRUPTED).
 */
@Injectable()
export class UncaughtErrorContainment {
  private readonly logger = new Logger('PluginContainment');

  /**
   * Installs the handlers, once per process and for its whole life: the loader does, before any plugin
   * code runs. They are never removed: plugin code may still run while the app shuts down (running
   * jobs get a grace period, timers fire).
   */
  install(): void {
    if (installed) return;
    installed = true;
    process.on('uncaughtException', this.onUncaughtException);
    process.on('unhandledRejection', this.onUnhandledRejection);
  }

  /**
   * Attributes an error that escaped to the plugin whose code is running (or scheduled the callback
   * running) now, and makes it UNAVAILABLE. False when no plugin's code is: the caller decides.
   */
  contain(error: unknown, kind: UncaughtKind): boolean {
    const scope = PluginScope.current();
    if (scope === undefined) return false;
    const message = errorMessageOf(error).split('\n')[0];
    const owner = scope.owner;
    const name = owner?.name ?? scope.source;
    this.logger.error(`plugin '${name}' let an ${kind} escape in the server's thread: ${message}`, stackOf(error));
    owner?.markUnavailable(
      `its code running in the server's thread let an ${kind} escape (${message}); it is disabled until the server restarts. ` +
        `Catch errors in its callbacks and promises, or declare all its tools isolation 'worker' so that its code runs only in its own threads.`,
    );
    return true;
  }

  private readonly onUncaughtException = (error: unknown): void => this.containOrExit(error, 'uncaught exception');

  private readonly onUnhandledRejection = (reason: unknown): void => this.containOrExit(reason, 'unhandled rejection');

  private containOrExit(error: unknown, kind: UncaughtKind): void {
    if (this.contain(error, kind)) return;
    this.logger.fatal(`an ${kind} in the server's own code; exiting (code 1): ${errorMessageOf(error)}`, stackOf(error));
    process.exit(1);
  }
}

function stackOf(error: unknown): string | undefined {
  return error instanceof Error ? error.stack : undefined;
}
