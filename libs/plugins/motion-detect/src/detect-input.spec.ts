import { ToolInputError } from '@forgesyte/plugin-sdk';
import { DETECT_DEFAULTS, toDetectInput } from './detect-input';

const frame = { image: 'AAAA', mime_type: 'image/png' } as const;
const frames = { frame_a: frame, frame_b: frame };

describe('toDetectInput', () => {
  it('fills in the default threshold, minimum area and blur', () => {
    expect(toDetectInput(frames)).toEqual({ ...frames, threshold: 25, min_area: 20, blur: 0 });
    expect(DETECT_DEFAULTS).toEqual({ threshold: 25, min_area: 20, blur: 0 });
  });

  it('keeps the options it is given', () => {
    const input = toDetectInput({ ...frames, threshold: 0, min_area: 1, blur: 20 });

    expect(input).toMatchObject({ threshold: 0, min_area: 1, blur: 20 });
  });

  it.each([null, 'frames', ['frame_a', 'frame_b']])('rejects args that are not an object: %p', (args) => {
    expect(() => toDetectInput(args)).toThrow(ToolInputError);
    expect(() => toDetectInput(args)).toThrow('motion-detect args must be an object { frame_a, frame_b, threshold?, min_area?, blur? }');
  });

  it('rejects a missing frame, naming it', () => {
    expect(() => toDetectInput({ frame_a: frame })).toThrow('frame_b must be an object { image, mime_type }; got undefined');
  });

  it.each([
    ['threshold', 256, '`threshold` must be an integer from 0 to 255; got 256'],
    ['threshold', 2.5, '`threshold` must be an integer from 0 to 255; got 2.5'],
    ['min_area', 0, '`min_area` must be an integer of at least 1; got 0'],
    ['blur', 21, '`blur` must be a number from 0 to 20; got 21'],
    ['blur', '2', '`blur` must be a number from 0 to 20; got "2"'],
  ])('rejects %s %p, saying what the option means', (option, value, message) => {
    expect(() => toDetectInput({ ...frames, [option]: value })).toThrow(ToolInputError);
    expect(() => toDetectInput({ ...frames, [option]: value })).toThrow(message);
    expect(() => toDetectInput({ ...frames, [option]: value })).toThrow('Omit it to use the default.');
  });

  it('rejects a blur above 0 but below the smallest Gaussian sigma, saying what to send', () => {
    expect(() => toDetectInput({ ...frames, blur: 0.2 })).toThrow(
      '`blur` is 0.2, but a Gaussian blur needs a sigma of at least 0.3 (a smaller one would change no pixel). ' +
        'Send 0 for no blur, or a sigma from 0.3 to 20.',
    );
  });
});
