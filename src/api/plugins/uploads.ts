// Admission of uploads (multipart bodies), decided before a byte of the body is read: the upload's
// declared size must fit the in-flight budget (upload-budget.ts), and the analysis queue must have room.
// Refusing after reading a body cost its memory anyway; refusing here costs nothing. The reservation is
// held until the response ends, since the photos stay in memory until their analysis is done; an
// asynchronous analysis takes it over at its 202 (keepUploadReservation) and releases it when it ends:
// released at the 202, 16 async uploads held about 550 KB of photos against a 300 KB budget.
import fp from 'fastify-plugin';
import { UploadBudget } from '../upload-budget.js';
import { Problem } from '../problem.js';
import { MAX_FIELD_BYTES, MAX_PHOTOS } from '../multipart.js';
import { envInt } from '../../env.js';
import { durationText } from '../duration.js';
import { rawProblemAnswer } from './errors.js';
import type { FastifyReply, FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyInstance {
    uploads: UploadBudget;
  }
  interface FastifyRequest {
    /**
     * Takes over the upload's share of the budget from the response: an asynchronous analysis holds its
     * photos in memory after its 202, so it releases the share (the function returned) when it ends.
     */
    keepUploadReservation?: () => () => void;
  }
}

/** SMP_UPLOAD_TIMEOUT_MS: how long an upload may take to arrive in full (default 5 min; 0: no limit). The server's socket limits follow it. */
export function uploadTimeoutMsFromEnv(): number {
  return envInt('SMP_UPLOAD_TIMEOUT_MS', 300_000, 0);
}

export default fp<{ uploadBudgetBytes?: number; uploadTimeoutMs?: number }>(
  async (app, opts) => {
    // SMP_UPLOAD_BUDGET_BYTES: bytes of uploads read and held at once (default 512 MiB).
    const budget = new UploadBudget(opts.uploadBudgetBytes ?? envInt('SMP_UPLOAD_BUDGET_BYTES', 512 * 1024 ** 2));
    app.decorate('uploads', budget);
    const uploadTimeoutMs = opts.uploadTimeoutMs ?? uploadTimeoutMsFromEnv();
    // The most one upload can be when it does not say its size (chunked): every photo at the file limit.
    const worstCase = (MAX_PHOTOS + 1) * app.settings.pipeline.limits.maxFileBytes + 16 * MAX_FIELD_BYTES;
    app.addHook('preHandler', async (request, reply) => {
      if (request.method !== 'POST' || !request.isMultipart()) return;
      // Queue first: an upload the queue cannot take is refused before it is read.
      app.pool.ensureCapacity(1);
      const declared = Number(request.headers['content-length']);
      // A size no upload can have would otherwise hold the whole budget while it is (never) sent.
      if (Number.isFinite(declared) && declared > worstCase) {
        const mib = (n: number) => Math.ceil(n / 2 ** 20);
        throw new Problem(413, 'upload-too-large', 'Upload too large', `the upload is ${mib(declared)} MiB; at most ${MAX_PHOTOS} photos of ${mib(app.settings.pipeline.limits.maxFileBytes)} MiB each are taken (${mib(worstCase)} MiB in all)`, {
          limitBytes: worstCase,
        });
      }
      const release = budget.reserve(Number.isFinite(declared) && declared >= 0 ? declared : worstCase);
      if (!release) {
        const mib = (n: number) => Math.round(n / 2 ** 20);
        throw new Problem(
          503,
          'busy',
          'Service busy',
          `the service is reading ${mib(budget.inFlightBytes)} MiB of other uploads (its limit is ${mib(budget.capacityBytes)} MiB); try again shortly`,
          { inFlightBytes: budget.inFlightBytes, capacityBytes: budget.capacityBytes },
          { 'retry-after': '5' },
        );
      }
      let kept = false;
      const releaseWithReply = () => {
        if (!kept) release();
      };
      reply.raw.once('close', releaseWithReply);
      reply.raw.once('finish', releaseWithReply);
      request.keepUploadReservation = () => {
        kept = true;
        return release;
      };
      if (uploadTimeoutMs > 0) endStalledUpload(request, reply, uploadTimeoutMs);
    });
  },
  { name: 'uploads', dependencies: ['services', 'limits'] },
);

/**
 * Ends an upload whose body has not arrived in full `ms` after it was admitted: 408, then the connection is
 * closed, which ends the route's read and releases the upload's reservation. Node's own requestTimeout
 * stops counting once a request reaches its handler, so without this an upload that stalls or trickles
 * a byte at a time kept its share of the budget for ever, and a few of them made every other upload 503.
 * Five minutes carries 8 phone photos of 5 MB over a 1 Mbit/s uplink.
 */
function endStalledUpload(request: FastifyRequest, reply: FastifyReply, ms: number): void {
  const timer = setTimeout(() => {
    if (request.raw.complete) return; // it all arrived; the analysis may take longer
    const socket = request.raw.socket;
    request.log.info({ uploadTimeoutMs: ms }, 'upload did not arrive in time; closing its connection');
    const problem = new Problem(408, 'upload-timeout', 'Request Timeout', `the upload did not arrive in full within ${durationText(ms)}; send it again on a faster connection, or with fewer or smaller photos`);
    if (!socket.writable || reply.raw.headersSent) return void socket.destroy();
    socket.end(rawProblemAnswer(problem, request.id, request.url.split('?')[0]), () => socket.destroy());
    setTimeout(() => socket.destroy(), 1000).unref(); // a peer that reads nothing still lets go
  }, ms);
  reply.raw.once('close', () => clearTimeout(timer));
}
