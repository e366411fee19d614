// Where shipped models and the shared (read-only, never copied) material live.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root, found from this file whether it runs from src/ (vitest) or dist/src/ (built). */
export const REPO_ROOT = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(resolve(dir, 'package.json'))) return dir;
    dir = dirname(dir);
  }
  throw new Error('cannot find the repository root (package.json) above ' + fileURLToPath(import.meta.url));
})();

// An empty SMP_MODELS_DIR / SMP_SHARED_DIR (a blank line in an env file) counts as unset, as every SMP_* setting does.
export const MODELS_DIR = process.env.SMP_MODELS_DIR || resolve(REPO_ROOT, 'models');
export const SHARED_DIR = process.env.SMP_SHARED_DIR || resolve(REPO_ROOT, '..', 'shared');

export function modelDir(name: string): string {
  return resolve(MODELS_DIR, name);
}

export function sharedAvailable(): boolean {
  return existsSync(resolve(SHARED_DIR, 'data', 'hairloss-levels', 'labels.csv'));
}
