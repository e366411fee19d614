declare module 'heic-decode' {
  interface DecodedImage {
    width: number;
    height: number;
    data: Uint8ClampedArray;
  }
  interface LazyImage {
    width: number;
    height: number;
    decode(): Promise<DecodedImage>;
  }
  interface ImageList extends Array<LazyImage> {
    dispose(): void;
  }
  function decode(opts: { buffer: Uint8Array | ArrayBuffer }): Promise<DecodedImage>;
  namespace decode {
    function all(opts: { buffer: Uint8Array | ArrayBuffer }): Promise<ImageList>;
  }
  export default decode;
}
