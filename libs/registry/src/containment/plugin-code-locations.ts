import { Injectable } from '@nestjs/common';
import { enclosesPath } from './encloses-path';
import { stackFrameFiles, stackOf } from './stack-frame-files';

/** The registered plugin some code belongs to: what containment names and makes UNAVAILABLE. */
export interface PluginCodeOwner {
  readonly name: string;
  markUnavailable(reason: string): void;
}

/**
 * Where one plugin's code lives in the server's thread: `root`, its package's directory or its lone
 * module file (see `pluginCodeRoot`), and `file`, its module.
 */
export interface PluginCodeLocation {
  readonly root: string;
  readonly file: string;
}

interface OwnedLocation extends PluginCodeLocation {
  readonly owner: PluginCodeOwner;
}

/**
 * Which plugin owns the code at a path, for the plugins imported into the server's thread: the loader
 * adds each one's location, and {@link UncaughtErrorContainment} asks for the owner of an error that
 * escaped, by its stack. Costs nothing while plugins run: only an escaped error is looked up.
 */
@Injectable()
export class PluginCodeLocations {
  private readonly locations: OwnedLocation[] = [];

  /** Records that the code at `location` belongs to `owner`. */
  add(location: PluginCodeLocation, owner: PluginCodeOwner): void {
    this.locations.push({ root: location.root, file: location.file, owner });
  }

  /**
   * The plugin owning the top-most frame of `error`'s stack that lies in any plugin's code, if any.
   * None for a value without a `stack` string (a non-Error thrown or rejected). A frame inside nested
   * roots (a plugin package installed in another's node_modules) belongs to the innermost; a frame in
   * a root several plugins share (one package with two plugin modules) only to the plugin whose module
   * file it is.
   */
  ownerOf(error: unknown): PluginCodeOwner | undefined {
    const stack = stackOf(error);
    if (stack === undefined) return undefined;
    for (const file of stackFrameFiles(stack)) {
      const owner = this.ownerOfFile(file);
      if (owner !== undefined) return owner;
    }
    return undefined;
  }

  private ownerOfFile(file: string): PluginCodeOwner | undefined {
    let innermost: OwnedLocation[] = [];
    for (const location of this.locations) {
      if (!enclosesPath(location.root, file)) continue;
      if (innermost.length === 0 || location.root.length > innermost[0].root.length) innermost = [location];
      else if (location.root.length === innermost[0].root.length) innermost.push(location);
    }
    if (innermost.length <= 1) return innermost[0]?.owner;
    return innermost.find((location) => location.file === file)?.owner;
  }
}
