// Compressed answers (brotli or gzip, as the client accepts): a consultation's JSON comes to about a fifth,
// plan.svg (a JPEG inside) to a third with brotli and 0.6 with gzip, dots.csv to about 35 %
// (bench/compress.ts), which counts on a phone on the consultation page. Photos, previews and PDFs are
// compressed already and are sent as they are (mime-db's compressible flag). Large bodies go through
// zlib streams, which run on libuv's threadpool, off the event loop; the size floor applies to answers
// built in memory (a streamed file, a static asset, is compressed whatever its size).
//
// Answers that carry a secret (a new API key, an upload token, a webhook signing secret) are never
// compressed: a secret compressed beside text an attacker can choose leaks through the size (BREACH).
// test/api/compress.test.ts finds every route whose OpenAPI answer holds a key, token or secret and
// checks it is listed here. Request bodies are not decompressed: app.ts answers a compressed body with 415.
import fp from 'fastify-plugin';
import compress from '@fastify/compress';
import { constants } from 'node:zlib';
import { envInt } from '../../env.js';

/** Routes whose answer holds a secret: never compressed, however large. */
export const NEVER_COMPRESSED = ['POST /v1/clinic/keys', 'POST /v1/upload-tokens', 'PUT /v1/clinic/webhook'];

export default fp(
  async (app) => {
    app.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      if (methods.some((m) => NEVER_COMPRESSED.includes(`${m} ${route.url}`))) route.compress = false;
    });
    await app.register(compress, {
      global: true,
      globalDecompression: false,
      encodings: ['br', 'gzip'],
      // smaller answers gain less than the header and the zlib call cost
      threshold: envInt('SMP_COMPRESS_MIN_BYTES', 1024, 1),
      // brotli's default (quality 11) costs seconds of CPU on a plan.svg; at 5 it still packs the svg to
      // 65 KB against gzip-6's 119 (bench/compress.ts)
      brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } },
      zlibOptions: { level: 6 },
    });
  },
  { name: 'compress' },
);
