import { resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe('model and shared folders', () => {
  it('treats an empty SMP_MODELS_DIR or SMP_SHARED_DIR as unset', async () => {
    vi.stubEnv('SMP_MODELS_DIR', '');
    vi.stubEnv('SMP_SHARED_DIR', '');
    vi.resetModules();
    const { MODELS_DIR, SHARED_DIR, REPO_ROOT } = await import('../../../src/models/paths.js');
    expect(MODELS_DIR).toBe(resolve(REPO_ROOT, 'models'));
    expect(SHARED_DIR).toBe(resolve(REPO_ROOT, '..', 'shared'));
  });

  it('takes a folder given in SMP_MODELS_DIR', async () => {
    vi.stubEnv('SMP_MODELS_DIR', '/opt/smp-models');
    vi.resetModules();
    const { MODELS_DIR } = await import('../../../src/models/paths.js');
    expect(MODELS_DIR).toBe('/opt/smp-models');
  });
});
