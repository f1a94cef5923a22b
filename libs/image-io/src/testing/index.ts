export { abortedSignal, fakeToolContext } from './fake-tool-context';
export { checkerboardPng, greyPng, hugeHeaderPng, imageInput, twoColourPng } from './test-images';
