// Where a webhook may point. The service calls the URL from inside the clinic's network, so a URL that
// reaches a private, loopback or link-local address (cloud metadata at 169.254.169.254, an admin port
// on localhost) would let a clinic key probe what it should not: refused when the URL is set, and again
// at every connection, on the address actually connected to, so a name that later resolves elsewhere
// (DNS rebinding) is caught too.
import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

export const MAX_WEBHOOK_URL_LENGTH = 2048;

export interface TargetPolicy {
  /** Allow http:// and private / loopback addresses: local development and tests only. */
  allowPrivate: boolean;
}

export class WebhookTargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookTargetError';
  }
}

/**
 * Only ordinary public unicast addresses (ipaddr.js ranges; IPv4-mapped IPv6 is judged as IPv4). The
 * deprecated IPv4-compatible block ::/96 (RFC 4291 2.5.5.1) counts as unicast in ipaddr.js, but
 * ::7f00:1 spells 127.0.0.1 and some stacks tunnel it there: refused.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv6' && parsed.match(IPV4_COMPATIBLE)) return false;
  return parsed.range() === 'unicast';
}

const IPV4_COMPATIBLE = ipaddr.parseCIDR('::/96');

/** The URL parsed and checked for form: https (http only when allowed), no credentials, no fragment. */
export function parseWebhookUrl(raw: string, policy: TargetPolicy): URL {
  if (raw.length > MAX_WEBHOOK_URL_LENGTH) throw new WebhookTargetError(`the URL is longer than ${MAX_WEBHOOK_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookTargetError('not an absolute URL');
  }
  if (url.protocol !== 'https:' && !(policy.allowPrivate && url.protocol === 'http:')) {
    throw new WebhookTargetError(`the URL must use https (got ${url.protocol.replace(':', '')})`);
  }
  if (url.username || url.password) throw new WebhookTargetError('the URL must not carry a user name or password: authenticate the signature instead');
  if (url.hash) throw new WebhookTargetError('the URL must not have a #fragment');
  const host = hostOf(url);
  if (isIP(host) && !policy.allowPrivate && !isPublicAddress(host)) throw new WebhookTargetError(`${host} is not a public address`);
  return url;
}

/** The URL's host without IPv6 brackets. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

type Resolve = (host: string, options: LookupAllOptions, callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

/** Every address the host resolves to must be public (unless allowed); the first such error is thrown. */
export async function checkResolvedHost(host: string, policy: TargetPolicy, resolve: Resolve = dnsLookup): Promise<LookupAddress[]> {
  if (isIP(host)) return [{ address: host, family: isIP(host) }];
  const addresses = await new Promise<LookupAddress[]>((ok, fail) =>
    resolve(host, { all: true }, (err, list) => (err ? fail(new WebhookTargetError(`${host} does not resolve (${err.code ?? err.message})`)) : ok(list))),
  );
  if (!policy.allowPrivate) {
    const bad = addresses.find((a) => !isPublicAddress(a.address));
    if (bad) throw new WebhookTargetError(`${host} resolves to ${bad.address}, which is not a public address`);
  }
  return addresses;
}

/**
 * A `lookup` for http(s).request that refuses non-public addresses: the check runs on the addresses
 * the socket will connect to. Answers in the form asked (one address, or all with `all: true`).
 */
export function guardedLookup(policy: TargetPolicy, resolve: Resolve = dnsLookup) {
  return (host: string, options: { all?: boolean; family?: number | string } | undefined, callback: (...args: unknown[]) => void): void => {
    checkResolvedHost(host, policy, resolve).then(
      (list) => {
        const wanted = options?.family === 4 || options?.family === 6 ? list.filter((a) => a.family === options.family) : list;
        if (!wanted.length) return callback(new WebhookTargetError(`${host} has no IPv${options?.family} address`));
        if (options?.all) callback(null, wanted);
        else callback(null, wanted[0].address, wanted[0].family);
      },
      (err: unknown) => callback(err),
    );
  };
}
