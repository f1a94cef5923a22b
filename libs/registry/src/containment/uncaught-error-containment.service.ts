import { Injectable, Logger } from '@nestjs/common';
import { errorMessageOf } from '@forgesyte/errors';
import { PluginCodeLocations } from './plugin-code-locations';
import { stackOf } from './stack-frame-files';

/** What escaped: the two process events this handles. */
export type UncaughtKind = 'uncaught exception' | 'unhandled rejection';

/**
 * Every app's containment in this process, the newest first: the one pair of process handlers asks
 * each in turn. Kept for the process's life, like the handlers (plugin code may still run while an app
 * shuts down: running jobs get a grace period, timers fire).
 */
const installed: UncaughtErrorContainment[] = [];

const logger = new Logger('PluginContainment');

/**
 * The process's handlers of uncaught exceptions and unhandled rejections. One whose stack runs through
 * the code of a plugin imported into the server's thread (its module, factory, `init`, `dispose`,
 * inline calls, and the timers and callbacks they leave) is charged to the plugin owning the top-most
 * such frame ({@link PluginCodeLocations}): logged, the plugin UNAVAILABLE until the server restarts,
 * and the server carries on. Attribution reads the stack only when something escaped, so plugin calls
 * pay nothing for it (tracking each call's async context instead turns on Node's promise hooks for the
 * whole process: about 80 µs more CPU per governed HTTP request).
 *
 * Not traced to a plugin (the server's own code, a shipped plugin, a dependency outside the plugin's
 * package, a non-Error value, which has no stack):
 * - an uncaught exception is logged and the process exits with code 1, as Node would: the throw
 *   unwound code half-way, so the process is in an unknown state and must not keep serving; a
 *   supervisor restarts it, and crash recovery fails its running jobs as JOB_INTERRUPTED;
 * - an unhandled rejection is logged at error level and the server carries on: it unwound nothing (the
 *   code that rejected ran to its end, or to its own `catch`; only a handler of the promise is missing),
 *   so the process is as that code left it. Exiting would let any plugin that rejects with a non-Error,
 *   or an I/O error whose stack has no plugin frame, take the server down.
 */
@Injectable()
export class UncaughtErrorContainment {
  constructor(private readonly locations: PluginCodeLocations) {}

  /**
   * Installs the handlers, once per process and for its whole life, and has them ask this app's
   * plugins too: the loader does, before any plugin code runs.
   */
  install(): void {
    if (installed.includes(this)) return;
    if (installed.length === 0) {
      process.on('uncaughtException', onUncaughtException);
      process.on('unhandledRejection', onUnhandledRejection);
    }
    installed.unshift(this);
  }

  /**
   * Charges an error that escaped to the plugin its stack runs through, and makes that plugin
   * UNAVAILABLE. False when the stack names no plugin's code: the caller decides.
   */
  contain(error: unknown, kind: UncaughtKind): boolean {
    const owner = this.locations.ownerOf(error);
    if (owner === undefined) return false;
    const message = errorMessageOf(error).split('\n')[0];
    logger.error(`plugin '${owner.name}' let an ${kind} escape in the server's thread: ${message}`, stackOf(error));
    owner.markUnavailable(
      `its code running in the server's thread let an ${kind} escape (${message}); it is disabled until the server restarts. ` +
        `Catch errors in its callbacks and promises, or declare all its tools isolation 'worker' so that its code runs only in its own threads.`,
    );
    return true;
  }
}

function containedByAnyApp(error: unknown, kind: UncaughtKind): boolean {
  return installed.some((containment) => containment.contain(error, kind));
}

function onUncaughtException(error: unknown): void {
  if (containedByAnyApp(error, 'uncaught exception')) return;
  logger.fatal(`an uncaught exception not traced to any plugin; exiting (code 1): ${errorMessageOf(error)}`, stackOf(error));
  process.exit(1);
}

function onUnhandledRejection(reason: unknown): void {
  if (containedByAnyApp(reason, 'unhandled rejection')) return;
  logger.error(`an unhandled rejection not traced to any plugin; carrying on: ${errorMessageOf(reason)}`, stackOf(reason));
}
