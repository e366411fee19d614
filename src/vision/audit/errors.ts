// The audit's input errors. Each names the part of the input to fix, so the pipeline can answer the
// caller precisely; anything else an audit throws is a fault of ours (a 500, logged), not the caller's.
import { InputError } from '../errors.js';
import { AUDIT_MIN_SIDE } from './limits.js';

/** A photo too small to audit, with its place in the audit's photos (0 before, 1 after, then the visits). */
export class AuditPhotoTooSmallError extends InputError {
  constructor(
    readonly photoIndex: number,
    message: string,
  ) {
    super('too-small', message, { minSide: AUDIT_MIN_SIDE });
    this.name = 'AuditPhotoTooSmallError';
  }
}

/** The audit's inputs besides the photos. */
export type AuditInputField = 'scarPolygon' | 'scarMask' | 'pxPerCm';

/** A scar outline, scar mask or scale the audit cannot use; `field` says which. */
export class AuditInputError extends InputError {
  constructor(
    readonly field: AuditInputField,
    message: string,
  ) {
    super('invalid-input', message, { field });
    this.name = 'AuditInputError';
  }
}
