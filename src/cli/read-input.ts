// Reads a file named on the command line; a file-system error becomes plain words (fs-error-text.ts).
import { readFile } from 'node:fs/promises';
import { fsErrorText } from './fs-error-text.js';

export async function readInputFile(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (err) {
    throw new Error(fsErrorText(err));
  }
}
