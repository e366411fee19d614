// The clinic's own reference for a client (its patient or file number): consultations, audits and upload
// tokens carry it, so the clinic can list a client's history and erase it in one call. An identifier,
// not a name: no spaces or @, so a name or an e-mail address is refused rather than stored.
import { z } from 'zod';

/** The longest reference taken, in characters (the pattern's limit; the CLI says a longer one's length instead of quoting it). */
export const CLIENT_REF_MAX_CHARS = 64;
export const CLIENT_REF_PATTERN = new RegExp(`^[A-Za-z0-9][A-Za-z0-9._:\\/-]{0,${CLIENT_REF_MAX_CHARS - 1}}$`);

export const ClientRefSchema = z
  .string()
  .regex(CLIENT_REF_PATTERN, {
    message: `must be the clinic's own id for the client: 1-${CLIENT_REF_MAX_CHARS} characters, letters, digits and . _ : / -, starting with a letter or digit (not a name or an e-mail address)`,
  })
  .describe("the clinic's own reference for the client (patient or file number); not a name or e-mail address");
