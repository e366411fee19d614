import { describe, expect, it } from 'vitest';
import { OrderedWaitList } from '../../../src/pipeline/wait-list.js';

describe('OrderedWaitList', () => {
  it("lets a consultation's later tasks go before the photos of consultations that came after it", () => {
    const list = new OrderedWaitList();
    const went: string[] = [];
    const add = (name: string, order: number) => list.add(order, () => went.push(name));
    for (const c of [0, 1, 2]) for (let i = 0; i < 3; i++) add(`c${c}-photo${i}`, c);
    add('c0-plan', 0); // queued last, once consultation 0's photos were done
    add('c1-plan', 1);
    expect(list.size).toBe(11);
    for (let go = list.shift(); go; go = list.shift()) go();
    expect(went).toEqual(['c0-photo0', 'c0-photo1', 'c0-photo2', 'c0-plan', 'c1-photo0', 'c1-photo1', 'c1-photo2', 'c1-plan', 'c2-photo0', 'c2-photo1', 'c2-photo2']);
  });

  it('takes a task out while it waits (a cancelled one), and only then', () => {
    const list = new OrderedWaitList();
    const went: number[] = [];
    const leaveA = list.add(1, () => went.push(1));
    list.add(2, () => went.push(2));
    expect(leaveA()).toBe(true);
    expect(leaveA()).toBe(false);
    expect(list.size).toBe(1);
    list.shift()!();
    expect(went).toEqual([2]);
    expect(list.shift()).toBeUndefined();
  });
});
