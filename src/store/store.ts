// Persistence behind interfaces: the embedded default is SQLite + files on disk; a PostgreSQL +
// object-storage implementation can satisfy the same two interfaces later. Every read and write is
// scoped to one clinic: a record of another clinic simply does not exist for the caller.

export const RECORD_KINDS = ['consultation', 'audit'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];
export type RecordStatus = 'processing' | 'completed' | 'failed';

/** A page of records: those created before `before` (and, at that same time, with an id below `beforeId`). */
/** A list's page size when the query gives none. */
export const DEFAULT_LIST_LIMIT = 50;

export interface ListRecordsOptions {
  limit?: number;
  before?: string;
  /** The id of the previous page's last record: records created in the same millisecond are not skipped. */
  beforeId?: string;
  clientRef?: string;
}

export interface StoredRecord {
  id: string;
  kind: RecordKind;
  clinicId: string;
  /** Who created it ("key:<prefix>", "upload-token:<id>", "cli", "local"). */
  createdBy: string | null;
  /** The clinic's own reference for the client (its patient or file number), to list and erase by. */
  clientRef: string | null;
  status: RecordStatus;
  createdAt: string;
  updatedAt: string;
  /** What the caller sent, minus photo bytes (views, sex, age, notes...). */
  input: Record<string, unknown>;
  /** The analysis, once completed. */
  result: Record<string, unknown> | null;
  error: { title: string; detail: string; [extension: string]: unknown } | null;
}

export interface Clinic {
  id: string;
  name: string;
  createdAt: string;
  /** Clinic-specific recommendation table and pigment catalogue (validated by src/plan/recommend). */
  settings: Record<string, unknown> | null;
}

/** An upload token as minted (the token itself is never stored: it is signed, and checked by its signature). */
export interface UploadTokenRecord {
  /** The token's `jti`: what records it creates name as their creator (`upload-token:<id>`). */
  id: string;
  clinicId: string;
  /** The clinic key that minted it; null while auth is off. */
  keyId: string | null;
  clientRef: string | null;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
}

export interface ApiKeyRecord {
  id: string;
  clinicId: string;
  /** The key's first characters ("smp_" + 6), enough to recognise it; the key itself is never stored. */
  prefix: string;
  /** What the clinic uses it for ("front desk", "practice software"). */
  label: string | null;
  createdAt: string;
  revokedAt: string | null;
  /** Last successful authentication, to the minute (see touchApiKey). */
  lastUsedAt: string | null;
  /**
   * What the key may do: 'admin' everything; 'standard' the clinic's work (consultations, audits, clients,
   * upload tokens, reading settings) but not its keys, settings, webhook or DELETE /v1/clinic. Keys made
   * before scopes existed are admin.
   */
  scope: KeyScope;
}

export const KEY_SCOPES = ['admin', 'standard'] as const;
export type KeyScope = (typeof KEY_SCOPES)[number];

/**
 * A client's Idempotency-Key on a create request, remembered so that a retry of the same upload answers
 * with the record the first attempt made instead of analysing again.
 */
export interface IdempotencyEntry {
  clinicId: string;
  kind: RecordKind;
  /** Whose key space: "clinic" for clinic keys, the upload token's actor for a token (tokens never share). */
  scope: string;
  key: string;
  /** SHA-256 of the upload (photos and fields): the same key with another upload is a client error. */
  fingerprint: string;
  recordId: string;
  /** How the first request asked: 'sync' answers 201 when done, 'async' 202 at once. */
  mode: 'sync' | 'async';
  createdAt: string;
}

/** A clinic's webhook: where to tell its software that a record finished (one per clinic). */
export interface WebhookRecord {
  id: string;
  clinicId: string;
  url: string;
  /** The event types it receives (api/webhooks/events.ts). */
  events: string[];
  createdAt: string;
}

/** One event for one webhook: kept until delivered or given up on, and listed for the clinic. */
export interface WebhookDelivery {
  /** Also the message id the receiver sees (webhook-id): the same for every retry, so it can drop repeats. */
  id: string;
  clinicId: string;
  /** The webhook set when the event happened (attempts go to the one set at the time of the attempt). */
  webhookId: string;
  type: string;
  recordId: string | null;
  /** The JSON body, the same for every attempt. */
  payload: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  /** When the next attempt is due (pending only). */
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string;
}

/** Why an event ends undelivered when its clinic's webhook is gone (store and outbox say it alike). */
export const WEBHOOK_REMOVED = 'the clinic removed its webhook';

export interface WebhookAttempt {
  at: string;
  delivered: boolean;
  status: number | null;
  error: string | null;
  /** When to try again; null: no more attempts (delivered, or given up). */
  nextAttemptAt: string | null;
}

export type KeyRevocation = 'revoked' | 'already-revoked' | 'last-active-key';

export interface AuditLogEntry {
  at: string;
  clinicId: string;
  actor: string;
  action: string;
  target: string;
}

export interface Store {
  createRecord(rec: Pick<StoredRecord, 'id' | 'kind' | 'clinicId' | 'input' | 'createdBy'> & { clientRef?: string | null }): Promise<StoredRecord>;
  /**
   * Stores the result of a record still there; false when the clinic deleted it meanwhile (the caller
   * then removes what it wrote for it: the deletion has already run).
   */
  completeRecord(kind: RecordKind, clinicId: string, id: string, result: Record<string, unknown>): Promise<boolean>;
  failRecord(kind: RecordKind, clinicId: string, id: string, error: StoredRecord['error'] & object): Promise<void>;
  getRecord(kind: RecordKind, clinicId: string, id: string): Promise<StoredRecord | null>;
  /** Newest first; with `clientRef`, that client's only. */
  listRecords(kind: RecordKind, clinicId: string, opts?: ListRecordsOptions): Promise<StoredRecord[]>;
  /** Every record of one client of the clinic, oldest first, unpaged (history, export, erasure). */
  listClientRecords(kind: RecordKind, clinicId: string, clientRef: string): Promise<StoredRecord[]>;
  deleteRecord(kind: RecordKind, clinicId: string, id: string): Promise<boolean>;
  /** The ids of every record (of any kind) of the clinic: one query, for a sweep over many. */
  recordIds(clinicId: string): Promise<Set<string>>;
  /**
   * Marks records left 'processing' by a crash as failed; returns them (their files, if the crash came
   * while they were being written, are the caller's to remove).
   */
  failInterrupted(): Promise<{ clinicId: string; kind: RecordKind; id: string }[]>;

  /** A new clinic; `id` for the one fixed id there is (the local clinic of SMP_AUTH=off), else a random one. */
  createClinic(name: string, id?: string): Promise<Clinic>;
  getClinic(id: string): Promise<Clinic | null>;
  getClinicByName(name: string): Promise<Clinic | null>;
  /** Every clinic (the operator's jobs, e.g. retention). */
  listClinics(): Promise<Clinic[]>;
  setClinicSettings(id: string, settings: Record<string, unknown> | null): Promise<void>;
  /** Deletes every record, file, key, webhook and log line of a clinic, and the clinic. */
  deleteClinic(id: string): Promise<void>;

  addApiKey(clinicId: string, hash: string, prefix: string, label?: string | null, scope?: KeyScope): Promise<ApiKeyRecord>;
  /** The active (unrevoked) key with this hash. */
  findApiKeyByHash(hash: string): Promise<ApiKeyRecord | null>;
  /** One key of the clinic, revoked or not; null for another clinic's key. */
  getApiKey(clinicId: string, id: string): Promise<ApiKeyRecord | null>;
  /** The clinic's keys, revoked ones included, newest first. */
  listApiKeys(clinicId: string): Promise<ApiKeyRecord[]>;
  /**
   * Revokes one key of the clinic: from then on it authenticates nothing. With `keepOne`, the clinic's
   * last active key, and its last active admin key, are left active ('last-active-key'), so a clinic cannot
   * lock itself out of its account or its key management. Null for an
   * unknown key or another clinic's.
   */
  revokeApiKey(clinicId: string, id: string, opts?: { keepOne?: boolean }): Promise<{ key: ApiKeyRecord; outcome: KeyRevocation } | null>;
  /** Records a use of the key. */
  touchApiKey(id: string, at: string): Promise<void>;

  /** Remembers a minted upload token, so that it can be listed and revoked on its own. */
  addUploadToken(token: Omit<UploadTokenRecord, 'revokedAt'>): Promise<void>;
  /** One token of the clinic; null for an unknown one, another clinic's, or one forgotten after it expired. */
  getUploadToken(clinicId: string, id: string): Promise<UploadTokenRecord | null>;
  /** The clinic's tokens that have not expired at `now` (ISO time), revoked ones included, newest first. */
  listUploadTokens(clinicId: string, now: string, opts?: { limit?: number; clientRef?: string }): Promise<UploadTokenRecord[]>;
  /** Revokes one token of the clinic (revoking it again keeps the first time); true only for the call that revoked it. */
  revokeUploadToken(clinicId: string, id: string): Promise<boolean>;
  /** Forgets every token minted for one client of the clinic (erasing the client): they stop working at once. Returns how many. */
  deleteClientUploadTokens(clinicId: string, clientRef: string): Promise<number>;
  /** Forgets tokens that expired before `before` (ISO time): they authenticate nothing anyway; returns how many. */
  purgeUploadTokens(before: string): Promise<number>;

  /**
   * Remembers `entry` unless its (clinic, kind, scope, key) is taken; returns the entry already there,
   * or null when this one was stored. Entries go with their record (deleteRecord) and clinic.
   */
  claimIdempotencyKey(entry: IdempotencyEntry): Promise<IdempotencyEntry | null>;
  releaseIdempotencyKey(entry: Pick<IdempotencyEntry, 'clinicId' | 'kind' | 'scope' | 'key'>): Promise<void>;
  /** Forgets keys made before `before` (ISO time); returns how many. */
  purgeIdempotencyKeys(before: string): Promise<number>;

  /**
   * Sets the clinic's webhook, replacing any. Undelivered events stay: each attempt goes to the webhook
   * the clinic has at that moment, signed with its secret.
   */
  setWebhook(clinicId: string, url: string, events: string[]): Promise<WebhookRecord>;
  getWebhook(clinicId: string): Promise<WebhookRecord | null>;
  /** Removes the clinic's webhook; its undelivered events end as failed. False when there was none. */
  deleteWebhook(clinicId: string): Promise<boolean>;
  /** Queues a delivery; false (nothing queued) when it names a record that no longer exists. */
  addWebhookDelivery(d: Pick<WebhookDelivery, 'id' | 'clinicId' | 'webhookId' | 'type' | 'recordId' | 'payload'> & { nextAttemptAt: string }): Promise<boolean>;
  /**
   * Pending deliveries due at `now`, at most `limit`, each leased until `leaseUntil` (its next attempt
   * moved there) so that a second pass, or a restart after a crash mid-send, does not send it twice at once.
   * The earliest of each clinic only (a clinic's events go out one at a time, in order), and none of the
   * clinics in `busy` (one of theirs is being sent).
   */
  leaseDueWebhookDeliveries(now: string, leaseUntil: string, limit: number, busy?: readonly string[]): Promise<WebhookDelivery[]>;
  /** When the earliest pending delivery of a clinic not in `busy` is due; null when none is pending. */
  nextWebhookDue(busy?: readonly string[]): Promise<string | null>;
  recordWebhookAttempt(id: string, attempt: WebhookAttempt): Promise<void>;
  /**
   * Puts a finished delivery of the clinic back in the queue, due at `at`, with a fresh retry schedule.
   * Null for an unknown delivery or another clinic's; a pending one is left as it is (requeued: false).
   */
  requeueWebhookDelivery(clinicId: string, id: string, at: string): Promise<{ delivery: WebhookDelivery; requeued: boolean } | null>;
  /** The clinic's deliveries, newest first. */
  listWebhookDeliveries(clinicId: string, limit?: number): Promise<WebhookDelivery[]>;
  /** Forgets finished deliveries (delivered or failed) made before `before`; returns how many. */
  purgeWebhookDeliveries(before: string): Promise<number>;

  logAccess(entry: Omit<AuditLogEntry, 'at'>): Promise<void>;
  /** Rewrites one target in the clinic's access log (an erased client's reference becomes a pseudonym); returns how many lines. */
  renameAccessTarget(clinicId: string, from: string, to: string): Promise<number>;
  /**
   * The clinic's log, newest first: `limit` entries (at most 1,000) logged before `before` (an `at`, as
   * stored), and then the rest of the last one's millisecond, so that a next page asked for with
   * `before` = the last entry's `at` skips none of that millisecond.
   */
  readAccessLog(clinicId: string, limit?: number, before?: string): Promise<AuditLogEntry[]>;

  close(): Promise<void>;
}

/** Stored files (photos, masks, overlays, reports), addressed per clinic and record. */
export interface BlobStore {
  put(clinicId: string, recordId: string, name: string, bytes: Uint8Array): Promise<void>;
  /**
   * Stores several files of a record all or none: when one cannot be written (a full disk) none replaces
   * what was stored, so a record never shows a mix of old and new files (a plan edit's plan and report).
   */
  putAll(clinicId: string, recordId: string, files: readonly { name: string; bytes: Uint8Array }[]): Promise<void>;
  get(clinicId: string, recordId: string, name: string): Promise<Uint8Array | null>;
  list(clinicId: string, recordId: string): Promise<string[]>;
  /** Removes one file; false when there was none. */
  delete(clinicId: string, recordId: string, name: string): Promise<boolean>;
  deleteRecord(clinicId: string, recordId: string): Promise<void>;
  deleteClinic(clinicId: string): Promise<void>;
  /** Every clinic that has stored files, with the records it has files for (the start-up orphan sweep). */
  listFolders(): Promise<{ clinicId: string; recordIds: string[] }[]>;
}
