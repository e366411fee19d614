// /v1/audits: scar-camouflage audits from before/after photos (and later visits), stored per clinic
// like consultations.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { AuditResultSchema } from '../../vision/audit/schema.js';
import { PX_PER_CM_LIMITS, SCAR_POLYGON_LIMITS } from '../../vision/audit/limits.js';
import type { AuditTaskResult } from '../../pipeline/audit-task.js';
import { PhotoInputError } from '../../pipeline/consultation.js';
import { InputError } from '../../vision/errors.js';
import { issueLine, issuesProblem, Problem, type ProblemIssue } from '../problem.js';
import { deleteRecordAndFiles } from '../delete-record.js';
import { completeRecordWithFiles, deletedDuringAnalysis, refuseIfClinicDeleted } from '../complete-record.js';
import { clientRefFor, maySee } from '../plugins/auth.js';
import { CLIENT_REF_MAX_CHARS, ClientRefSchema } from '../schemas/client-ref.js';
import { RecordListQuerySchema, listPage } from '../schemas/record-list.js';
import { AuditListSchema } from '../schemas/audit-list.js';
import { auditListItem } from '../audit-outcome.js';
import { decimalField, IdParamsSchema, IdSchema, ProblemSchema, RECORD_ERRORS, UPLOAD_ERRORS } from '../schemas/consultation.js';
import { asMultipartProblem, readFilePart, safeName, shownName, takeTextPart, textAsFileProblem, uploadParts } from '../multipart.js';
import { presentAudit } from '../present.js';
import type { StoredRecord } from '../../store/store.js';
import { contentTypeOf } from '../content-types.js';
import { contentDispositionOf } from '../content-disposition.js';
import { durationText } from '../duration.js';
import { toProblem } from '../plugins/errors.js';
import { claimIdempotencyKey, IdempotencyHeadersSchema, idempotencyKeyOf, uploadFingerprint } from '../idempotency.js';

const MAX_VISITS = 6;
const AUDIT_TEXT_FIELDS = new Set(['scarPolygon', 'pxPerCm', 'clientRef']);
const POLYGON_MAX_CHARS = 20_000;
const count = (n: number) => n.toLocaleString('en-US');

/**
 * scarPolygon's text -> its points, or what is wrong with it in words a clinic reads, naming the field
 * and the limit: zod's own ("Too big: expected string to have <=20000 characters") named neither, and
 * JSON that did not parse was told the same as a 2-point outline.
 */
function readScarPolygon(text: string): { points: [number, number][] } | { problem: string } {
  const { minPoints, maxPoints, maxAbsCoordinate } = SCAR_POLYGON_LIMITS;
  if (text.length > POLYGON_MAX_CHARS) return { problem: `scarPolygon is ${count(text.length)} characters long; at most ${count(POLYGON_MAX_CHARS)}` };
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (err) {
    // Only the position from the parser's words: V8 quotes the text back, cut with "..." when long.
    const at = /position (\d+)/.exec((err as Error).message)?.[1];
    return { problem: `scarPolygon is not valid JSON${at ? ` (at character ${Number(at) + 1})` : ''}; send the outline as [[x,y],[x,y],[x,y],...]` };
  }
  if (!Array.isArray(v)) return { problem: 'scarPolygon must be a JSON array of [x, y] points, e.g. [[10,20],[30,20],[20,40]]' };
  if (v.length < minPoints) return { problem: `scarPolygon has ${v.length} point${v.length === 1 ? '' : 's'}; an outline needs at least ${minPoints}` };
  if (v.length > maxPoints) return { problem: `scarPolygon has ${count(v.length)} points; at most ${count(maxPoints)}` };
  const notPair = v.findIndex((p) => !(Array.isArray(p) && p.length === 2 && p.every((n) => typeof n === 'number')));
  if (notPair >= 0) return { problem: `scarPolygon point ${notPair + 1} is not an [x, y] pair of numbers` };
  // JSON.parse reads 1e400 as Infinity
  const far = (v as number[][]).findIndex((p) => p.some((n) => !(Math.abs(n) <= maxAbsCoordinate)));
  if (far >= 0) return { problem: `scarPolygon point ${far + 1} has a coordinate beyond ±${count(maxAbsCoordinate)} px` };
  return { points: v as [number, number][] };
}

const AuditMetaSchema = z.strictObject({
  scarPolygon: z.string().transform((s, ctx) => {
    const read = readScarPolygon(s);
    if ('points' in read) return read.points;
    ctx.addIssue({ code: 'custom', message: read.problem });
    return z.NEVER;
  }).optional(),
  pxPerCm: decimalField('pxPerCm')
    .pipe(z.number().min(PX_PER_CM_LIMITS.min, `pxPerCm must be at least ${PX_PER_CM_LIMITS.min} pixel per cm`).max(PX_PER_CM_LIMITS.max, `pxPerCm must be at most ${count(PX_PER_CM_LIMITS.max)} pixels per cm`))
    .optional(),
  clientRef: ClientRefSchema.optional(),
});

/** "field: message", or the message alone where it names its field ("pxPerCm must be at least 1"). */
function issueText(i: ProblemIssue): string {
  return i.message?.startsWith(`${i.path} `) ? i.message : issueLine(i);
}

const AuditRecordSchema = z.looseObject({
  id: z.string(),
  status: z.enum(['processing', 'completed', 'failed']),
  createdAt: z.string(),
  clientRef: z.string().nullable(),
  audit: AuditResultSchema.nullable(),
  links: z.record(z.string(), z.string()),
});

async function readAuditUpload(request: FastifyRequest) {
  if (!request.isMultipart()) throw new Problem(415, 'not-multipart', 'Expected multipart/form-data', 'send before and after photos as multipart/form-data file parts');
  const photos: { field: string; bytes: Uint8Array; filename?: string }[] = [];
  const text: Record<string, string> = {};
  try {
    for await (const part of uploadParts(request)) {
      if (part.type === 'file') {
        if (!['before', 'after', 'visit'].includes(part.fieldname)) {
          await part.toBuffer().catch(() => undefined);
          if (AUDIT_TEXT_FIELDS.has(part.fieldname)) throw textAsFileProblem(part.fieldname);
          throw new Problem(400, 'unknown-field', 'Unknown photo field', `file part "${shownName(part.fieldname)}" is not before, after or visit`, { field: shownName(part.fieldname) });
        }
        if (part.fieldname !== 'visit' && photos.some((p) => p.field === part.fieldname)) {
          throw new Problem(400, 'duplicate-field', 'Duplicate photo', `more than one "${part.fieldname}" photo`, { field: part.fieldname });
        }
        if (photos.filter((p) => p.field === 'visit').length >= MAX_VISITS && part.fieldname === 'visit') {
          throw new Problem(400, 'too-many-photos', 'Too many visits', `an audit takes at most ${MAX_VISITS} visit photos`);
        }
        photos.push({ field: part.fieldname, bytes: await readFilePart(request, part), filename: safeName(part.filename) });
      } else {
        takeTextPart(part, AUDIT_TEXT_FIELDS, text, ['before', 'after', 'visit']);
      }
    }
  } catch (err) {
    throw asMultipartProblem(err);
  }
  const before = photos.find((p) => p.field === 'before');
  const after = photos.find((p) => p.field === 'after');
  if (!before || !after) throw new Problem(400, 'missing-photo', 'Missing photo', 'an audit needs a "before" and an "after" photo (file parts)');
  const meta = AuditMetaSchema.safeParse(text);
  if (!meta.success) {
    const issues = meta.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw issuesProblem('invalid-field', 'Invalid field', issues, '', issueText);
  }
  return { photos: [before, after, ...photos.filter((p) => p.field === 'visit')], meta: meta.data };
}

const audits: FastifyPluginAsyncZod = async (app) => {
  const present = async (clinicId: string, rec: StoredRecord) => presentAudit(rec, await app.blobs.list(clinicId, rec.id));

  app.post(
    '/v1/audits',
    {
      schema: {
        summary: 'Audit scar camouflage from before/after photos',
        description:
          `multipart/form-data: file parts "before", "after" and up to 6 "visit" (later visits, in order); optional text parts "scarPolygon" (JSON [[x,y],...] in before-photo pixels), "pxPerCm" and "clientRef" (the clinic's own reference for the client, up to ${CLIENT_REF_MAX_CHARS} characters; it files the audit in that client's history). Without a polygon the scar comes from the segmentation model.`,
        tags: ['audits'],
        consumes: ['multipart/form-data'],
        headers: IdempotencyHeadersSchema,
        response: { 201: AuditRecordSchema, 409: ProblemSchema, ...UPLOAD_ERRORS },
      },
    },
    async (request, reply) => {
      // Key only (no config.uploadToken): an audit is the clinic's own check, not the public page's.
      const { photos, meta } = await readAuditUpload(request);
      const idempotencyKey = idempotencyKeyOf(request);
      const clinicId = request.clinic.id;
      const id = randomUUID();
      const clientRef = clientRefFor(request.clinic, meta.clientRef);
      const created = await app.store.createRecord({ id, kind: 'audit', clinicId, input: { photos: photos.map((p) => p.field), pxPerCm: meta.pxPerCm ?? null }, createdBy: request.clinic.actor, clientRef });
      await refuseIfClinicDeleted(app, 'audit', clinicId, id);
      if (idempotencyKey) {
        const fingerprint = uploadFingerprint(photos.map((p) => ({ name: p.field, bytes: p.bytes })), { ...meta, ...(clientRef ? { clientRef } : {}) });
        const first = await claimIdempotencyKey(app, request, { kind: 'audit', key: idempotencyKey, fingerprint, recordId: id, mode: 'sync' });
        if (first) {
          await app.store.logAccess({ clinicId, actor: request.clinic.actor, action: 'replay', target: `audit:${first.record.id}` });
          return reply.code(201).header('location', `/v1/audits/${first.record.id}`).header('idempotent-replayed', 'true').send((await present(clinicId, first.record)) as never);
        }
      }
      try {
        app.pool.ensureCapacity(1);
      } catch (err) {
        await app.store.deleteRecord('audit', clinicId, id);
        throw err;
      }
      let kept: boolean;
      // the time limit of a consultation: eight photos that will not register (ECC runs all its iterations)
      // cannot hold a worker, and the clinic's request, for minutes
      const timeoutMs = app.pool.config.analysisTimeoutMs;
      const signal = AbortSignal.timeout(timeoutMs);
      try {
        const r = await app.pool.run<AuditTaskResult>({
          kind: 'audit',
          photos: photos.map((p) => ({ field: p.field, bytes: p.bytes })),
          scarPolygon: meta.scarPolygon,
          pxPerCm: meta.pxPerCm,
          // the page names the audit, its client and when it was made (drawn in the worker, off this thread)
          record: { auditId: id, clientRef: created.clientRef, date: created.createdAt },
          limits: app.pool.config.limits,
          inferenceThreads: app.pool.config.inferenceThreads,
        }, signal);
        if (!r.ok) {
          const e = r.error;
          if (e.photo === null) throw new InputError(e.kind, `field "${e.field}": ${e.message}`, { ...e.detail, field: e.field });
          throw new PhotoInputError(e.kind, e.message, e.photo - 1, e.field, e.detail);
        }
        kept = await completeRecordWithFiles(app, 'audit', clinicId, id, r.files, r.result as unknown as Record<string, unknown>);
      } catch (err) {
        // The files first: a disk that filled while they were written has room again for the deletion.
        await app.blobs.deleteRecord(clinicId, id).catch((e: unknown) => request.log.error({ err: e, id }, 'could not remove the files of a failed audit'));
        await app.store.deleteRecord('audit', clinicId, id);
        if (signal.aborted) throw new Problem(503, 'analysis-timeout', 'Audit timed out', `the audit took longer than ${durationText(timeoutMs)} and was stopped`, {}, { 'retry-after': '30' });
        throw toProblem(err);
      }
      const rec = kept ? await app.store.getRecord('audit', clinicId, id) : null;
      if (!rec) throw deletedDuringAnalysis('audit', id);
      await app.store.logAccess({ clinicId, actor: request.clinic.actor, action: 'create', target: `audit:${id}` });
      void app.webhooks.notify(clinicId, { type: 'audit.completed', kind: 'audit', recordId: id });
      return reply.code(201).header('location', `/v1/audits/${id}`).send((await present(clinicId, rec)) as never);
    },
  );

  app.get(
    '/v1/audits/:id',
    { schema: { summary: 'An audit and its images', tags: ['audits'], params: IdParamsSchema, response: { 200: AuditRecordSchema, ...RECORD_ERRORS } } },
    async (request) => {
      const rec = await app.store.getRecord('audit', request.clinic.id, request.params.id);
      if (!rec || !maySee(request.clinic, rec.createdBy)) throw new Problem(404, 'not-found', 'Audit not found', `no audit ${request.params.id}`);
      await app.store.logAccess({ clinicId: request.clinic.id, actor: request.clinic.actor, action: 'read', target: `audit:${rec.id}` });
      return (await present(request.clinic.id, rec)) as never;
    },
  );

  app.get(
    '/v1/audits',
    {
      schema: {
        summary: "The clinic's audits, newest first, with what each found",
        description:
          "Each item carries the audit's outcome as a client's history shows it (assessable, the match after treatment and whether it lies near a band boundary, the checks that fired), so the audits that failed show without fetching each.",
        tags: ['audits'],
        querystring: RecordListQuerySchema,
        response: { 200: AuditListSchema, ...RECORD_ERRORS },
      },
    },
    async (request, reply) => {
      const items = await app.store.listRecords('audit', request.clinic.id, request.query);
      const { next, link } = listPage('/v1/audits', request.query, items);
      if (link) reply.header('link', link);
      return { items: items.map(auditListItem), next };
    },
  );

  app.delete(
    '/v1/audits/:id',
    { schema: { summary: 'Delete an audit and its photos', tags: ['audits'], params: IdParamsSchema, response: { 204: z.null(), ...RECORD_ERRORS } } },
    async (request, reply) => {
      const { id } = request.params;
      if (!(await deleteRecordAndFiles(app, 'audit', request.clinic.id, id, { actor: request.clinic.actor, action: 'delete' }))) {
        throw new Problem(404, 'not-found', 'Audit not found', `no audit ${id}`);
      }
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/v1/audits/:id/files/:name',
    {
      schema: {
        summary: 'A stored audit photo (metadata-free), the side-by-side image or the PDF page',
        tags: ['audits'],
        params: z.object({ id: IdSchema, name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/) }),
        response: { 400: ProblemSchema, 401: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request, reply) => {
      const { id, name } = request.params;
      const rec = await app.store.getRecord('audit', request.clinic.id, id);
      const bytes = rec && maySee(request.clinic, rec.createdBy) ? await app.blobs.get(request.clinic.id, id, name) : null;
      if (!bytes) throw new Problem(404, 'not-found', 'File not found', `no file ${name} in audit ${id}`);
      await app.store.logAccess({ clinicId: request.clinic.id, actor: request.clinic.actor, action: 'read', target: `audit:${id}/${name}` });
      return reply.type(contentTypeOf(name)).header('content-disposition', contentDispositionOf(name)).send(Buffer.from(bytes) as never);
    },
  );
};

export default audits;
