// Compressed answers (gzip or brotli, as the client accepts): a consultation's JSON shrinks about 5x,
// its plan.svg and dots.csv about 3x (bench/compress.ts), which counts on a phone on the consultation page.
// Photos, previews and PDFs are compressed already and are sent as they are (mime-db's compressible
// flag). Large bodies go through zlib streams, which run on libuv's threadpool, off the event loop.
//
// Answers that carry a secret (a new API key, an upload token, a webhook signing secret) are never
// compressed: a secret compressed beside text an attacker can choose leaks through the size (BREACH).
// Request bodies are not decompressed: app.ts answers a compressed body with 415.
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
      // brotli's default (quality 11) costs seconds of CPU on a plan.svg; 5 packs about as well as gzip -9
      brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } },
      zlibOptions: { level: 6 },
    });
  },
  { name: 'compress' },
);
