// Reads a consultation upload: file parts named by view, optional text parts, nothing else.
import type { Multipart, MultipartFile, MultipartValue } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { ConsultationMeta, ConsultationPhoto } from '../pipeline/consultation.js';
import type { ViewOrAuto } from '../pipeline/photo-task.js';
import { ConsultationMetaSchema, ViewSchema } from './schemas/consultation.js';
import { issuesProblem, Problem, sizeText } from './problem.js';
import { MAX_PHOTOS } from '../pipeline/config.js';

export { MAX_PHOTOS };
/**
 * Bytes one text part may carry: every field at its character limit fits, in any script (scars: 4,000
 * characters, up to 16,000 bytes of UTF-8; an audit's scarPolygon: 20,000 ASCII characters), so a long
 * field gets the schema's message in characters, not a byte limit the client cannot see.
 */
export const MAX_FIELD_BYTES = 32 * 1024;
/** Characters of a part's name a problem echoes (the name is the client's to choose: 10,000 came back twice). */
export const ECHOED_NAME_CHARS = 64;

/** A part's name as a problem echoes it, in its detail and its `field`: cut to ECHOED_NAME_CHARS. */
export function shownName(name: string): string {
  return name.length > ECHOED_NAME_CHARS ? `${name.slice(0, ECHOED_NAME_CHARS)}…` : name;
}

const TEXT_FIELDS = new Set(['sex', 'age', 'hairColour', 'goals', 'notes', 'scars', 'clientRef']);

/**
 * @param opts.exactlyOne a problem for anything but one photo and no text fields (a photo check), checked
 *   before the consultation's own (no photos, invalid fields), which would send the client the wrong way
 */
export async function readConsultationUpload(request: FastifyRequest, opts: { exactlyOne?: Problem } = {}): Promise<{ photos: ConsultationPhoto[]; meta: ConsultationMeta }> {
  if (!request.isMultipart()) {
    throw new Problem(415, 'not-multipart', 'Expected multipart/form-data', 'send the photos as multipart/form-data, one file part per photo named by its view');
  }
  const photos: ConsultationPhoto[] = [];
  const text: Record<string, string> = {};
  const seenViews = new Set<string>();
  try {
    await readParts();
  } catch (err) {
    throw asMultipartProblem(err);
  }
  async function readParts(): Promise<void> {
    for await (const part of uploadParts(request)) {
      // a photo check takes one photo and nothing else: said as such, before what a consultation would say
      // (a second front is no duplicate view there, a text field no unknown field)
      if (opts.exactlyOne && (part.type !== 'file' || photos.length > 0)) {
        if (part.type === 'file') await part.toBuffer().catch(() => undefined);
        throw opts.exactlyOne;
      }
      if (part.type === 'file') {
        const view = ViewSchema.safeParse(part.fieldname);
        if (!view.success) {
          await part.toBuffer().catch(() => undefined); // drain, so the stream ends cleanly
          if (TEXT_FIELDS.has(part.fieldname)) throw textAsFileProblem(part.fieldname);
          throw new Problem(400, 'unknown-view', 'Unknown view', `file part "${shownName(part.fieldname)}" is not a view; name each photo part one of front, top, left, right, back, closeup or auto`, { field: shownName(part.fieldname) });
        }
        if (view.data !== 'auto' && seenViews.has(view.data)) {
          throw new Problem(400, 'duplicate-view', 'Duplicate view', `more than one photo for view "${view.data}"; name extra photos "auto"`, { field: view.data });
        }
        if (photos.length >= MAX_PHOTOS) {
          throw new Problem(400, 'too-many-photos', 'Too many photos', `a consultation takes at most ${MAX_PHOTOS} photos`, { max: MAX_PHOTOS });
        }
        seenViews.add(view.data);
        photos.push({ view: view.data as ViewOrAuto, bytes: await readFilePart(request, part), filename: safeName(part.filename) });
      } else {
        takeTextPart(part, TEXT_FIELDS, text, ViewSchema.options);
      }
    }
  }
  if (opts.exactlyOne && (photos.length !== 1 || Object.keys(text).length > 0)) throw opts.exactlyOne;
  if (photos.length === 0) {
    throw new Problem(400, 'no-photos', 'No photos', 'send 1 to 8 photos as file parts named by their view (front, top, left, right, back, closeup or auto)');
  }
  const meta = ConsultationMetaSchema.safeParse(text);
  if (!meta.success) {
    const issues = meta.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw issuesProblem('invalid-field', 'Invalid field', issues);
  }
  return { photos, meta: meta.data };
}

/** A file part's bytes; one over the upload limit is a 413 that names the part and the limit. */
export async function readFilePart(request: FastifyRequest, part: MultipartFile): Promise<Uint8Array> {
  try {
    const bytes = await part.toBuffer();
    if (!part.file.truncated) return new Uint8Array(bytes);
  } catch (err) {
    if ((err as { code?: string }).code !== 'FST_REQ_FILE_TOO_LARGE') throw err;
  }
  const max = request.server.settings.pipeline.limits.maxFileBytes;
  throw new Problem(
    413,
    'file-too-large',
    'File too large',
    `photo "${shownName(part.fieldname)}" is larger than the ${sizeText(max)} upload limit; send the photo as the phone saved it (a JPEG is usually 2-8 MB) or at a lower resolution`,
    { field: shownName(part.fieldname), maxFileBytes: max },
  );
}

/** A text field sent as a file part (curl -F notes=@notes.txt): told so, not called an unknown view. */
export function textAsFileProblem(field: string): Problem {
  return new Problem(400, 'text-as-file', 'Text sent as a file', `"${field}" must be a text field, but it came as a file part; with curl use -F ${field}=<text> (or --form-string ${field}=<text>)`, { field });
}

/** A text part into `text`: one of `allowed`, within the byte limit, sent once. */
export function takeTextPart(part: MultipartValue, allowed: ReadonlySet<string>, text: Record<string, string>, photoFields: readonly string[] = []): void {
  // A photo's name sent as text (a form that lost its file, curl -F before=path without the @).
  if (photoFields.includes(part.fieldname)) {
    throw new Problem(400, 'photo-as-text', 'Photo sent as text', `"${part.fieldname}" must be a file part (a photo), but it came as a text field; with curl use -F ${part.fieldname}=@file.jpg`, { field: part.fieldname });
  }
  if (!allowed.has(part.fieldname)) {
    throw new Problem(400, 'unknown-field', 'Unknown field', `field "${shownName(part.fieldname)}" is not accepted; text fields are ${[...allowed].join(', ')}`, { field: shownName(part.fieldname) });
  }
  if (part.valueTruncated || part.fieldnameTruncated) {
    throw new Problem(413, 'field-too-large', 'Field too large', `field "${shownName(part.fieldname)}" is longer than the ${MAX_FIELD_BYTES}-byte limit`, { field: shownName(part.fieldname) });
  }
  if (part.fieldname in text) {
    throw new Problem(400, 'duplicate-field', 'Duplicate field', `field "${part.fieldname}" was sent twice`, { field: part.fieldname });
  }
  const value = String(part.value);
  // busboy decodes bytes that are not UTF-8 as U+FFFD: the text would be stored altered ("���"), so the
  // sender is told instead (a form posted in Latin-1 by old software). A U+FFFD sent as such is refused
  // too: busboy gives no raw bytes to tell them apart, and a replacement character in a form is itself
  // the mark of text broken on its way.
  if (value.includes('\uFFFD')) {
    throw new Problem(400, 'invalid-field', 'Invalid field', `field "${part.fieldname}" is not valid UTF-8 text; send text fields as UTF-8`, { field: part.fieldname });
  }
  text[part.fieldname] = value;
}

// busboy reports a malformed body (no boundary, wrong boundary, unterminated) with plain Errors.
export function asMultipartProblem(err: unknown): unknown {
  if (err instanceof Problem || (err as { code?: string }).code) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new Problem(400, 'bad-multipart', 'Malformed multipart body', `the multipart/form-data body could not be read: ${message}`);
}

/**
 * How long reading the next part may take once the whole body has arrived: it is all in memory then,
 * so this is a parser that will never go on, not a slow client (those get the upload timeout's 408).
 */
export const PARTS_STALL_MS = 5_000;

/**
 * The upload's parts, as request.parts() gives them, but refused with 400 when the parser stalls on a
 * body that has arrived in full. @fastify/multipart 10.1.9 never ends the iteration for a part without
 * a Content-Disposition header of 17-47 or 100 KB (10, 70 and 200 KB end): the request was never
 * answered, and its upload budget was held until the client hung up (the 408 timer only counts an
 * upload still arriving).
 */
export async function* uploadParts(request: FastifyRequest, stallMs = PARTS_STALL_MS): AsyncGenerator<Multipart> {
  const parts = request.parts()[Symbol.asyncIterator]();
  for (;;) {
    const next = await withinStall(parts.next(), request, stallMs);
    if (next.done) return;
    // Content-Disposition: form-data; filename="a.jpg" without a name: busboy gives it none (undefined),
    // which read 'file part "undefined" is not a view'.
    if (!next.value.fieldname) {
      if (next.value.type === 'file') await next.value.toBuffer().catch(() => undefined); // drain, so the stream ends cleanly
      throw new Problem(400, 'bad-multipart', 'Malformed multipart body', 'a part has no name: give every part a Content-Disposition: form-data; name="..." header (a photo named by its view, e.g. name="front")');
    }
    yield next.value;
  }
}

function withinStall<T>(pending: Promise<T>, request: FastifyRequest, stallMs: number): Promise<T> {
  const raw = request.raw;
  return new Promise<T>((resolve, reject) => {
    // raw.complete turns true when the last byte has come in, though the parser may not have read it
    // (the stream's 'end' then never comes): polled, since no event says so.
    let arrivedAt = raw.complete ? Date.now() : 0;
    const poll = setInterval(() => {
      if (!arrivedAt) {
        if (raw.complete) arrivedAt = Date.now();
        return;
      }
      if (Date.now() - arrivedAt < stallMs) return;
      clearInterval(poll);
      pending.catch(() => undefined); // it may still settle, unheard
      reject(new Problem(400, 'bad-multipart', 'Malformed multipart body', 'the multipart/form-data body could not be read: give every part a Content-Disposition header with its name'));
    }, Math.min(250, stallMs));
    poll.unref();
    pending.then(
      (v) => {
        clearInterval(poll);
        resolve(v);
      },
      (err) => {
        clearInterval(poll);
        reject(err);
      },
    );
  });
}

/** A file name safe to echo back in messages: no paths, no control characters, bounded. */
export function safeName(name: string | undefined): string | undefined {
  if (!name) return undefined;
  const base = name.split(/[\\/]/).pop() ?? '';
  // bytes that were not UTF-8 arrive as U+FFFD: shown as "?", not as replacement boxes
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').replace(/\ufffd+/g, '?').slice(0, 100);
  return clean || undefined;
}
