// The per-clinic rate limit as the environment sets it.
import { afterEach, describe, expect, it } from 'vitest';
import { build, type TestApp } from '../helpers/app.js';

describe('SMP_RATE_LIMIT_PER_MIN', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    delete process.env.SMP_RATE_LIMIT_PER_MIN;
    await t?.close();
    t = undefined;
  });

  it('left empty, keeps the default limit instead of refusing every request', async () => {
    // An empty value (SMP_RATE_LIMIT_PER_MIN= in a compose file) once read as a limit of 0 a minute.
    process.env.SMP_RATE_LIMIT_PER_MIN = '';
    t = await build();
    const res = await t.app.inject({ method: 'GET', url: '/v1/consultations', headers: await t.auth() });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-ratelimit-limit']).toBe('600');
  });

  it('set, limits each clinic to that many requests a minute', async () => {
    process.env.SMP_RATE_LIMIT_PER_MIN = '2';
    t = await build();
    const headers = await t.auth();
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await t.app.inject({ method: 'GET', url: '/v1/consultations', headers })).statusCode);
    expect(codes).toEqual([200, 200, 429]);
    // Another clinic has its own allowance.
    expect((await t.app.inject({ method: 'GET', url: '/v1/consultations', headers: await t.auth('clinic-b') })).statusCode).toBe(200);
  });

  it('zero is refused at start-up, naming the variable', async () => {
    process.env.SMP_RATE_LIMIT_PER_MIN = '0';
    await expect(build()).rejects.toThrow('SMP_RATE_LIMIT_PER_MIN must be an integer >= 1, got "0"');
  });
});
