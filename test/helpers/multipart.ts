// Builds multipart/form-data bodies by hand, so tests control every byte (names, types, sizes).
import { randomBytes } from 'node:crypto';

export interface Part {
  name: string;
  value: Uint8Array | string;
  filename?: string;
  contentType?: string;
}

export function multipart(parts: Part[]): { body: Buffer; headers: Record<string, string> } {
  const boundary = '----smptest' + randomBytes(8).toString('hex');
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const isFile = typeof p.value !== 'string' || p.filename !== undefined;
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"`;
    if (isFile) head += `; filename="${p.filename ?? p.name + '.jpg'}"\r\nContent-Type: ${p.contentType ?? 'application/octet-stream'}`;
    chunks.push(Buffer.from(head + '\r\n\r\n'), Buffer.from(p.value), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
