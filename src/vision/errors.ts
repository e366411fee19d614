// Errors the vision stages raise for bad input. They carry an HTTP-agnostic kind; the API maps kinds to
// statuses in one place (src/api/plugins/errors.ts), the CLI prints the message.

export type InputErrorKind =
  | 'empty'
  | 'unsupported-type'
  | 'heic-unsupported'
  | 'corrupt'
  | 'too-large-bytes'
  | 'too-many-pixels'
  | 'too-small'
  // an input other than the image itself (an audit's scar outline, mask or scale)
  | 'invalid-input';

export class InputError extends Error {
  constructor(
    readonly kind: InputErrorKind,
    message: string,
    readonly detail: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'InputError';
  }
}
