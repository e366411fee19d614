// Reads a file named on the command line; a missing one is "no such file", anything else keeps its message.
import { readFile } from 'node:fs/promises';

export async function readInputFile(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (err) {
    throw new Error((err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message);
  }
}
