// Admission of uploads (multipart bodies), decided before a byte of the body is read: the upload's
// declared size must fit the in-flight budget (upload-budget.ts), and the analysis queue must have room.
// Refusing after reading a body cost its memory anyway; refusing here costs nothing. The reservation is
// held until the response ends, since the photos stay in memory until their analysis is done.
import fp from 'fastify-plugin';
import { UploadBudget } from '../upload-budget.js';
import { Problem } from '../problem.js';
import { MAX_FIELD_BYTES, MAX_PHOTOS } from '../multipart.js';
import { envInt } from '../../env.js';

declare module 'fastify' {
  interface FastifyInstance {
    uploads: UploadBudget;
  }
}

export default fp<{ uploadBudgetBytes?: number }>(
  async (app, opts) => {
    // SMP_UPLOAD_BUDGET_BYTES: bytes of uploads read and held at once (default 512 MiB).
    const budget = new UploadBudget(opts.uploadBudgetBytes ?? envInt('SMP_UPLOAD_BUDGET_BYTES', 512 * 1024 ** 2));
    app.decorate('uploads', budget);
    // The most one upload can be when it does not say its size (chunked): every photo at the file limit.
    const worstCase = (MAX_PHOTOS + 1) * app.settings.pipeline.limits.maxFileBytes + 16 * MAX_FIELD_BYTES;
    app.addHook('preHandler', async (request, reply) => {
      if (request.method !== 'POST' || !request.isMultipart()) return;
      // Queue first: an upload the queue cannot take is refused before it is read.
      app.pool.ensureCapacity(1);
      const declared = Number(request.headers['content-length']);
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
      reply.raw.once('close', release);
      reply.raw.once('finish', release);
    });
  },
  { name: 'uploads', dependencies: ['services', 'limits'] },
);
