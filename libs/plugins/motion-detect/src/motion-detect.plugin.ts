import { definePlugin, type ToolContext } from '@forgesyte/plugin-sdk';
import { toDetectInput } from './detect-input';
import { detectMotion, detectTool, type MotionDetection } from './detect.tool';

const tools = { detect: detectTool } as const;

/** Name of a motion-detect tool. */
export type MotionDetectToolName = keyof typeof tools;

/**
 * Routes one call to its tool. This is the plugin's `run`; only the ToolRunner calls it in the product,
 * and it is exported so this lib's unit tests can exercise the routing.
 */
export async function dispatchMotionDetectTool(
  tool: MotionDetectToolName,
  args: unknown,
  context: ToolContext,
): Promise<MotionDetection> {
  switch (tool) {
    case 'detect':
      return detectMotion(toDetectInput(args), context);
    default: {
      const unknownTool: never = tool;
      throw new Error(`motion-detect has no tool "${String(unknownTool)}"; the runner should have rejected it.`);
    }
  }
}

/** The shipped `motion-detect` plugin: frame differencing between two frames, with connected changed regions. */
export const motionDetectPlugin = definePlugin({
  name: 'motion-detect',
  version: '1.0.0',
  description: 'Detects motion between two frames of the same size: changed fraction and bounding boxes of changed regions.',
  defaultTool: 'detect',
  tools,
  run: dispatchMotionDetectTool,
});
