// Runs one stored consultation: analysis through the pool, files into the blob store, the record
// completed or failed. Shared by the sync and async forms of POST /v1/consultations.
import type { FastifyInstance } from 'fastify';
import { analyzeConsultation, type ConsultationMeta, type ConsultationPhoto } from '../pipeline/consultation.js';
import { toProblem } from './plugins/errors.js';
import { durationText } from './duration.js';
import { Problem } from './problem.js';
import { completeRecordWithFiles } from './complete-record.js';
import { ClinicTableError, clinicTableFrom, type ClinicTable } from '../plan/recommend/index.js';
import { ScaleReferenceSchema, type ScaleReference } from '../plan/scale/card.js';

export class AnalysisTimeoutError extends Error {
  constructor(ms: number) {
    super(`the analysis took longer than ${durationText(ms)} and was stopped`);
    this.name = 'AnalysisTimeoutError';
  }
}

/** False when the clinic deleted the consultation before its analysis finished (nothing of it is kept). */
export async function runConsultation(
  app: FastifyInstance,
  clinicId: string,
  id: string,
  photos: ConsultationPhoto[],
  meta: ConsultationMeta,
): Promise<boolean> {
  const timeoutMs = app.pool.config.analysisTimeoutMs;
  let timer: NodeJS.Timeout | undefined;
  const abort = new AbortController();
  try {
    const clinic = await app.store.getClinic(clinicId);
    const work = analyzeConsultation(photos, meta, app.pool, {
      id,
      clinicTable: clinicTableOf(clinic?.settings),
      scaleReference: scaleReferenceOf(clinic?.settings),
      observe: (stage, ms) => app.metrics.stageSeconds.observe({ stage }, ms / 1000),
      signal: abort.signal,
    });
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        abort.abort(); // frees the workers and the queue places this consultation holds
        reject(new AnalysisTimeoutError(timeoutMs));
      }, timeoutMs);
    });
    work.catch(() => undefined); // after a timeout its rejection (aborted) is expected
    const { analysis, files } = await Promise.race([work, timeout]);
    if (!(await completeRecordWithFiles(app, 'consultation', clinicId, id, files, analysis as unknown as Record<string, unknown>))) return false;
    void app.webhooks.notify(clinicId, { type: 'consultation.completed', kind: 'consultation', recordId: id });
    return true;
  } catch (err) {
    const problem = err instanceof AnalysisTimeoutError ? new Problem(503, 'analysis-timeout', 'Analysis timed out', err.message, {}, { 'retry-after': '30' }) : toProblem(err);
    // The failed record keeps what the page needs to point at the photo: the problem type, field and photo number.
    const { field, photo } = problem.extensions as { field?: unknown; photo?: unknown };
    // The files first, each step on its own: a disk that filled while they were written has room again for
    // the failure to be stored (the record stayed 'processing' for good, its files filling the disk).
    await app.blobs.deleteRecord(clinicId, id).catch((e: unknown) => app.log.error({ err: e, id }, 'could not remove the files of a failed analysis'));
    await app.store.failRecord('consultation', clinicId, id, {
      type: problem.body().type,
      title: problem.title,
      detail: problem.storedDetail ?? problem.message,
      status: problem.status,
      ...(field !== undefined ? { field } : {}),
      ...(photo !== undefined ? { photo } : {}),
    });
    throw err instanceof AnalysisTimeoutError ? problem : err;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The clinic's own table, or undefined for the default. A table stored before a rule it breaks was added
 * is refused (409) rather than replaced by the default: the clinic chose its dilutions and densities.
 */
export function clinicTableOf(settings: Record<string, unknown> | null | undefined): ClinicTable | undefined {
  const table = settings?.recommendationTable;
  if (!table) return undefined;
  try {
    return clinicTableFrom(table);
  } catch (err) {
    if (!(err instanceof ClinicTableError)) throw err;
    throw new Problem(409, 'invalid-clinic-table', 'Stored clinic table no longer valid', `${err.message}\nSet the table again with PUT /v1/clinic/settings.`);
  }
}

/** The clinic's colour-card size (validated when it was set; anything else reads as none). */
export function scaleReferenceOf(settings: Record<string, unknown> | null | undefined): ScaleReference | undefined {
  const parsed = ScaleReferenceSchema.safeParse(settings?.scaleReference);
  return parsed.success ? parsed.data : undefined;
}
