import { describe, expect, it } from 'vitest';
import type { LookupAddress } from 'node:dns';
import { checkResolvedHost, guardedLookup, isPublicAddress, parseWebhookUrl } from '../../../../src/api/webhooks/target.js';

const strict = { allowPrivate: false };
const lax = { allowPrivate: true };

/** A resolver that answers from a table (no network). */
const resolver = (table: Record<string, string[]>) => (host: string, _o: unknown, cb: (err: NodeJS.ErrnoException | null, a: LookupAddress[]) => void) => {
  const list = table[host];
  if (!list) return cb(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' }), []);
  cb(null, list.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));
};

describe('isPublicAddress', () => {
  it('takes public unicast addresses only', () => {
    for (const ok of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111']) expect(isPublicAddress(ok), ok).toBe(true);
    const refused = [
      '127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '255.255.255.255', '224.0.0.1',
      '::1', '::', 'fe80::1', 'fc00::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', 'not-an-ip',
      // IPv4-compatible IPv6 (::/96): 127.0.0.1, 10.0.0.1 and 169.254.169.254 spelled another way
      '::7f00:1', '::a00:1', '::a9fe:a9fe', '::127.0.0.1',
    ];
    for (const bad of refused) expect(isPublicAddress(bad), bad).toBe(false);
  });
});

describe('parseWebhookUrl', () => {
  it('takes an https URL and names what is wrong with anything else', () => {
    expect(parseWebhookUrl('https://hooks.example.com/smp?x=1', strict).href).toBe('https://hooks.example.com/smp?x=1');
    expect(() => parseWebhookUrl('hooks.example.com', strict)).toThrow('not an absolute URL');
    expect(() => parseWebhookUrl('http://hooks.example.com/', strict)).toThrow('must use https (got http)');
    expect(() => parseWebhookUrl('ftp://hooks.example.com/', lax)).toThrow('must use https (got ftp)');
    expect(() => parseWebhookUrl('https://u:p@hooks.example.com/', strict)).toThrow(/user name or password/);
    expect(() => parseWebhookUrl('https://hooks.example.com/#x', strict)).toThrow(/fragment/);
    expect(() => parseWebhookUrl(`https://e.com/${'a'.repeat(2100)}`, strict)).toThrow(/longer than 2048/);
    expect(() => parseWebhookUrl('https://169.254.169.254/latest/meta-data', strict)).toThrow('169.254.169.254 is not a public address');
    expect(() => parseWebhookUrl('https://[::1]:8443/', strict)).toThrow('::1 is not a public address');
    expect(() => parseWebhookUrl('https://2130706433/', strict)).toThrow('127.0.0.1 is not a public address'); // WHATWG URL normalises it
    expect(parseWebhookUrl('http://127.0.0.1:9000/hook', lax).port).toBe('9000');
  });
});

describe('checkResolvedHost', () => {
  const dns = resolver({ 'ok.test': ['93.184.216.34'], 'inside.test': ['93.184.216.34', '10.0.0.5'], 'local.test': ['127.0.0.1'] });
  it('refuses a name with any non-public address, and one that does not resolve', async () => {
    await expect(checkResolvedHost('ok.test', strict, dns)).resolves.toHaveLength(1);
    await expect(checkResolvedHost('inside.test', strict, dns)).rejects.toThrow('inside.test resolves to 10.0.0.5, which is not a public address');
    await expect(checkResolvedHost('nowhere.test', strict, dns)).rejects.toThrow('nowhere.test does not resolve (ENOTFOUND)');
    await expect(checkResolvedHost('local.test', lax, dns)).resolves.toEqual([{ address: '127.0.0.1', family: 4 }]);
  });
});

describe('guardedLookup', () => {
  const call = (lookup: ReturnType<typeof guardedLookup>, host: string, options: { all?: boolean; family?: number }) =>
    new Promise<unknown[]>((resolve) => lookup(host, options, (...args: unknown[]) => resolve(args)));

  it('answers in the form asked, and refuses at connection time a name that now points inside (rebinding)', async () => {
    const table: Record<string, string[]> = { 'flip.test': ['93.184.216.34', '2606:4700::1'] };
    const lookup = guardedLookup(strict, resolver(table));
    expect(await call(lookup, 'flip.test', {})).toEqual([null, '93.184.216.34', 4]);
    expect(await call(lookup, 'flip.test', { family: 6 })).toEqual([null, '2606:4700::1', 6]);
    expect(await call(lookup, 'flip.test', { all: true })).toEqual([null, [{ address: '93.184.216.34', family: 4 }, { address: '2606:4700::1', family: 6 }]]);
    table['flip.test'] = ['192.168.0.10'];
    const [err] = await call(lookup, 'flip.test', {});
    expect(String(err)).toContain('flip.test resolves to 192.168.0.10, which is not a public address');
  });
});
