/** Options of the `plugin` schematic, as `schema.json` declares them (a spec checks that they agree). */
export interface PluginOptions {
  /** The plugin's name: 1 to 64 lower-case letters, digits and dashes, starting with a letter. */
  name: string;
  /** The starter tool's name. Default `analyze`. */
  tool?: string;
  /** Where the starter tool runs. Default `inline`. */
  isolation?: 'inline' | 'worker';
  /** Whether to generate the plugin's spec. Default true. */
  spec?: boolean;
  /** Generate an external plugin package instead of a lib of this repository. Default false. */
  standalone?: boolean;
  /** With `standalone`: the package's folder, relative to the working directory. Default: the name. */
  directory?: string;
  /** Do not register the plugin in the shipped-plugin list. Default false. */
  skipImport?: boolean;
  /**
   * Set by the Nest CLI from `--project` (its default project's, `apps/api/src`, without it): the plugin is registered in
   * `<sourceRoot>/shipped-plugins.ts` when that file exists, else in `libs/shipped-plugins/src/shipped-plugins.ts`.
   * Default `libs/shipped-plugins/src`.
   */
  sourceRoot?: string;
  /** Set by the Nest CLI from `--project`; its `sourceRoot` is what counts. */
  project?: string;
  /** Set by the Nest CLI from `nest g plugin <name> <path>`; refused. */
  path?: string;
  /** Set by the Nest CLI; plugins are TypeScript. */
  language?: string;
  /** Set by the Nest CLI; ignored. */
  flat?: boolean;
  /** Set by the Nest CLI; ignored. */
  specFileSuffix?: string;
  /** Set by the Nest CLI from `--collection`; ignored. */
  collection?: string;
}
