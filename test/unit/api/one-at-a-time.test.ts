import { describe, expect, it } from 'vitest';
import { OneAtATime, QueueLimitError } from '../../../src/api/one-at-a-time.js';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('OneAtATime', () => {
  it('runs work for one key in arrival order, each after the one before has finished, failed or not', async () => {
    const q = new OneAtATime(8);
    const log: string[] = [];
    const job = (name: string, fail = false) => async () => {
      log.push(`${name} start`);
      await tick();
      log.push(`${name} end`);
      if (fail) throw new Error(name);
      return name;
    };
    const results = await Promise.allSettled([q.run('a', job('1')), q.run('a', job('2', true)), q.run('a', job('3'))]);
    expect(log).toEqual(['1 start', '1 end', '2 start', '2 end', '3 start', '3 end']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(q.busyKeys).toBe(0);
  });

  it('runs different keys side by side', async () => {
    const q = new OneAtATime(8);
    const log: string[] = [];
    const job = (name: string) => async () => {
      log.push(`${name} start`);
      await tick();
      log.push(`${name} end`);
    };
    await Promise.all([q.run('a', job('a')), q.run('b', job('b'))]);
    expect(log.slice(0, 2)).toEqual(['a start', 'b start']);
  });

  it('refuses more than maxWaiting behind the running one, and takes work again once they finish', async () => {
    const q = new OneAtATime(1);
    let release!: () => void;
    const running = q.run('a', () => new Promise<void>((r) => (release = r)));
    const waiting = q.run('a', async () => 'second');
    await expect(q.run('a', async () => 'third')).rejects.toBeInstanceOf(QueueLimitError);
    release();
    await running;
    expect(await waiting).toBe('second');
    expect(await q.run('a', async () => 'later')).toBe('later');
    expect(q.busyKeys).toBe(0);
  });

  it('checks its limit', () => {
    expect(() => new OneAtATime(-1)).toThrow('maxWaiting must be a whole number >= 0, got -1');
  });
});
