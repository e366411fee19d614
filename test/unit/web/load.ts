// The page's modules are plain browser JavaScript (web/js, no build step); the tests import them by URL,
// typed by the interfaces below, so TypeScript needs no declaration files for them.
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

export const WEB_DIR = resolve(import.meta.dirname, '../../../web');

export async function webModule<T>(name: string): Promise<T> {
  return (await import(pathToFileURL(resolve(WEB_DIR, 'js', name)).href)) as T;
}
