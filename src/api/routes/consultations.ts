// /v1/consultations: create (sync or async), read, list, delete, and the stored files.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { readConsultationUpload } from '../multipart.js';
import { contentTypeOf } from '../content-types.js';
import { contentDispositionOf } from '../content-disposition.js';
import { presentConsultation } from '../present.js';
import { Problem } from '../problem.js';
import { deleteRecordAndFiles } from '../delete-record.js';
import { deletedDuringAnalysis, refuseIfClinicDeleted, refuseIfLinkEnded } from '../complete-record.js';
import { runConsultation } from '../consultation-runner.js';
import { refuseUnreadablePhotos } from '../photo-precheck.js';
import { isServiceFailure, logProblem, toProblem } from '../plugins/errors.js';
import { clientRefFor, maySee } from '../plugins/auth.js';
import { RecordListQuerySchema, RecordListSchema, listItem, listPage } from '../schemas/record-list.js';
import { claimIdempotencyKey, IdempotencyHeadersSchema, idempotencyKeyOf, uploadFingerprint } from '../idempotency.js';
import { AsyncQuerySchema, ConsultationSchema, IdParamsSchema, IdSchema, ProblemSchema, RECORD_ERRORS, UPLOAD_ERRORS } from '../schemas/consultation.js';

/** Seconds a client is asked to wait before polling a consultation still being analysed (Retry-After). */
const POLL_AFTER_S = '2';

const consultations: FastifyPluginAsyncZod = async (app) => {
  const notFound = (id: string) => new Problem(404, 'not-found', 'Consultation not found', `no consultation ${id}`);

  app.post(
    '/v1/consultations',
    {
      config: { uploadToken: true },
      schema: {
        summary: 'Analyse a consultation (1-8 photos)',
        tags: ['consultations'],
        consumes: ['multipart/form-data'],
        querystring: AsyncQuerySchema,
        headers: IdempotencyHeadersSchema,
        response: { 201: ConsultationSchema, 202: ConsultationSchema, 409: ProblemSchema, ...UPLOAD_ERRORS },
      },
    },
    async (request, reply) => {
      const upload = await readConsultationUpload(request);
      const { photos } = upload;
      const clientRef = clientRefFor(request.clinic, upload.meta.clientRef);
      const meta = { ...upload.meta, ...(clientRef ? { clientRef } : {}) };
      const idempotencyKey = idempotencyKeyOf(request);
      const clinicId = request.clinic.id;
      const mode = request.query.async === 'true' ? 'async' : 'sync';
      // What needs no decode is refused before a 202, as the synchronous form refuses it (an empty file,
      // a GIF, a PDF): it was accepted, then failed (a failed record, a consultation.failed webhook).
      if (mode === 'async') await refuseUnreadablePhotos(photos.map((p) => ({ field: p.view, bytes: p.bytes, filename: p.filename })));
      const id = randomUUID();
      const input = { views: photos.map((p) => p.view), ...meta };
      await app.store.createRecord({ id, kind: 'consultation', clinicId, input, createdBy: request.clinic.actor, clientRef });
      await refuseIfClinicDeleted(app, 'consultation', clinicId, id);
      await refuseIfLinkEnded(app, request.clinic, 'consultation', id);
      if (idempotencyKey) {
        const fingerprint = uploadFingerprint(photos.map((p) => ({ name: p.view, bytes: p.bytes })), { ...meta });
        const first = await claimIdempotencyKey(app, request, { kind: 'consultation', key: idempotencyKey, fingerprint, recordId: id, mode });
        if (first) {
          if (!maySee(request.clinic, first.record.createdBy)) throw notFound(first.record.id); // cannot happen: tokens have their own key space
          await app.store.logAccess({ clinicId, actor: request.clinic.actor, action: 'replay', target: `consultation:${first.record.id}` });
          const files = first.record.status === 'completed' ? await app.blobs.list(clinicId, first.record.id) : [];
          // As the record stands, not as the first attempt was asked: 202 while its analysis still runs, 201
          // once it has ended, as a synchronous first attempt answers (an async one replayed after it
          // completed answered 202 with a completed body)
          const running = first.record.status === 'processing';
          reply.code(running ? 202 : 201).header('location', `/v1/consultations/${first.record.id}`).header('idempotent-replayed', 'true');
          if (running) reply.header('retry-after', POLL_AFTER_S);
          return reply.send(presentConsultation(first.record, files) as never);
        }
      }
      try {
        app.pool.ensureCapacity(photos.length);
      } catch (err) {
        await app.store.deleteRecord('consultation', clinicId, id);
        throw err;
      }
      const logCreate = () => app.store.logAccess({ clinicId, actor: request.clinic.actor, action: 'create', target: `consultation:${id}` });
      const location = `/v1/consultations/${id}`;
      if (mode === 'async') {
        // accepted: the record exists from now on (processing, then completed or failed)
        await logCreate();
        // the photos stay in memory until the analysis ends: so does their share of the upload budget
        const release = request.keepUploadReservation?.();
        runConsultation(app, clinicId, id, photos, meta)
          .finally(() => release?.())
          .catch((err: unknown) => {
            // as an answered problem is logged: a refused photo's detail names its file
            const problem = toProblem(err);
            if (isServiceFailure(problem)) request.log.error({ err, id }, 'async analysis failed');
            else logProblem(request.log, problem, { id }, 'async analysis failed');
            // Only an async failure is an event: a synchronous one is answered, and its record not kept.
            void app.webhooks.notify(clinicId, { type: 'consultation.failed', kind: 'consultation', recordId: id });
          });
        const rec = await app.store.getRecord('consultation', clinicId, id);
        return reply.code(202).header('location', location).header('retry-after', POLL_AFTER_S).send(presentConsultation(rec!, []) as never);
      }
      let kept: boolean;
      try {
        kept = await runConsultation(app, clinicId, id, photos, meta);
      } catch (err) {
        // Nothing of a refused upload is kept (its Idempotency-Key goes with the record).
        await app.store.deleteRecord('consultation', clinicId, id);
        throw err;
      }
      const rec = kept ? await app.store.getRecord('consultation', clinicId, id) : null;
      if (!rec) throw deletedDuringAnalysis('consultation', id);
      // Logged once the record is kept, as an audit is: a refused upload (422 corrupt-image) keeps nothing.
      await logCreate();
      return reply.code(201).header('location', location).send(presentConsultation(rec, await app.blobs.list(clinicId, id)) as never);
    },
  );

  app.get(
    '/v1/consultations/:id',
    { config: { uploadToken: true }, schema: { summary: 'A consultation and its analysis', tags: ['consultations'], params: IdParamsSchema, response: { 200: ConsultationSchema, ...RECORD_ERRORS } } },
    async (request) => {
      const { id } = request.params;
      const rec = await app.store.getRecord('consultation', request.clinic.id, id);
      if (!rec || !maySee(request.clinic, rec.createdBy)) throw notFound(id);
      await app.store.logAccess({ clinicId: request.clinic.id, actor: request.clinic.actor, action: 'read', target: `consultation:${id}` });
      return presentConsultation(rec, await app.blobs.list(request.clinic.id, id)) as never;
    },
  );

  app.get(
    '/v1/consultations',
    {
      schema: {
        summary: "The clinic's consultations, newest first",
        tags: ['consultations'],
        querystring: RecordListQuerySchema,
        response: { 200: RecordListSchema, ...RECORD_ERRORS },
      },
    },
    async (request, reply) => {
      const items = await app.store.listRecords('consultation', request.clinic.id, request.query);
      const { next, link } = listPage('/v1/consultations', request.query, items);
      if (link) reply.header('link', link);
      return { items: items.map(listItem), next };
    },
  );

  app.delete(
    '/v1/consultations/:id',
    { schema: { summary: 'Delete a consultation, its photos and every result', tags: ['consultations'], params: IdParamsSchema, response: { 204: z.null(), ...RECORD_ERRORS } } },
    async (request, reply) => {
      const { id } = request.params;
      const clinicId = request.clinic.id;
      if (!(await deleteRecordAndFiles(app, 'consultation', clinicId, id, { actor: request.clinic.actor, action: 'delete' }))) throw notFound(id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/v1/consultations/:id/files/:name',
    {
      config: { uploadToken: true },
      schema: {
        summary: 'A stored photo (metadata-free) or generated image/report',
        tags: ['consultations'],
        params: z.object({ id: IdSchema, name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/) }),
        response: { 404: ProblemSchema, 401: ProblemSchema, 400: ProblemSchema },
      },
    },
    async (request, reply) => {
      const { id, name } = request.params;
      const clinicId = request.clinic.id;
      const rec = await app.store.getRecord('consultation', clinicId, id);
      const bytes = rec && maySee(request.clinic, rec.createdBy) ? await app.blobs.get(clinicId, id, name) : null;
      if (!bytes) throw new Problem(404, 'not-found', 'File not found', `no file ${name} in consultation ${id}`);
      await app.store.logAccess({ clinicId, actor: request.clinic.actor, action: 'read', target: `consultation:${id}/${name}` });
      return reply
        .type(contentTypeOf(name))
        .header('content-disposition', contentDispositionOf(name))
        .send(Buffer.from(bytes) as never);
    },
  );
};

export default consultations;
