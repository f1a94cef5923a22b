import { motionDetectPlugin } from './motion-detect.plugin';

export { motionDetectPlugin };
export type { MotionDetectToolName } from './motion-detect.plugin';
export type { MotionDetection } from './detect.tool';
export type { MotionRegion } from './connected-regions';
export { DETECT_DEFAULTS, MAX_BLUR_SIGMA, MIN_BLUR_SIGMA } from './detect-input';

export default motionDetectPlugin;
