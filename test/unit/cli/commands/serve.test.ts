// `smp serve`'s settings from the environment (DESIGN.md section 3: PORT default 8080, HOST default
// 0.0.0.0, SMP_DATA_DIR default ./data). An empty variable (`PORT=` in an env file, `${PORT}` of an unset
// one in a compose file) counts as unset, as for every SMP_* number: it listened on a random port and
// kept the database and the photos in the working directory.
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listenAddress, socketTimeouts } from '../../../../src/api/server.js';
import { dataDir } from '../../../../src/pipeline/config.js';

describe('listenAddress', () => {
  it('defaults to 0.0.0.0:8080, also for empty PORT and HOST', () => {
    expect(listenAddress({})).toEqual({ port: 8080, host: '0.0.0.0' });
    expect(listenAddress({ PORT: '', HOST: '' })).toEqual({ port: 8080, host: '0.0.0.0' });
    expect(listenAddress({ PORT: ' ', HOST: ' ' })).toEqual({ port: 8080, host: '0.0.0.0' });
  });

  it('takes a given port and host, 0 included (any free port)', () => {
    expect(listenAddress({ PORT: '3000', HOST: '127.0.0.1' })).toEqual({ port: 3000, host: '127.0.0.1' });
    expect(listenAddress({ PORT: '0' }).port).toBe(0);
  });

  it('refuses a port that is not a number 0..65535', () => {
    for (const p of ['abc', '-1', '65536', '80.5', '1e3', '0x50']) expect(() => listenAddress({ PORT: p }), p).toThrow(`PORT must be 0..65535, got "${p}"`);
  });
});

describe('dataDir', () => {
  const saved = process.env.SMP_DATA_DIR;
  afterEach(() => {
    if (saved === undefined) delete process.env.SMP_DATA_DIR;
    else process.env.SMP_DATA_DIR = saved;
  });

  it('is ./data when SMP_DATA_DIR is unset or empty, never the working directory itself', () => {
    delete process.env.SMP_DATA_DIR;
    expect(dataDir()).toBe(resolve('data'));
    process.env.SMP_DATA_DIR = '';
    expect(dataDir()).toBe(resolve('data'));
    process.env.SMP_DATA_DIR = '/srv/smp';
    expect(dataDir()).toBe('/srv/smp');
  });
});

describe('socketTimeouts', () => {
  it('bounds how long a request may take to arrive, and how long a socket may stay silent, by the service limits', () => {
    // the defaults: an upload may take 5 min (408 at that), an analysis 2 min of silence on a sync request
    expect(socketTimeouts(300_000, 120_000)).toEqual({ requestTimeout: 330_000, connectionTimeout: 180_000 });
    // no upload limit asked for: none on the request either
    expect(socketTimeouts(0, 120_000)).toEqual({ requestTimeout: 0, connectionTimeout: 180_000 });
  });
});
