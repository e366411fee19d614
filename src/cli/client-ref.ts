// --client-ref, as `smp analyze` and `smp audit` take it: the API's clientRef rule, one place.
import { CLIENT_REF_MAX_CHARS, ClientRefSchema } from '../api/schemas/client-ref.js';

/** --client-ref's value, checked with the API's clientRef schema; throws naming the option, the rule and the value. */
export function parseClientRef(value: string): string {
  const parsed = ClientRefSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  // quoted back, unless longer than any reference taken: then its length says what is wrong
  const got = value.length > CLIENT_REF_MAX_CHARS ? `${value.length} characters` : JSON.stringify(value);
  throw new Error(`--client-ref: ${parsed.error.issues.map((i) => i.message).join('; ')}; got ${got}`);
}
