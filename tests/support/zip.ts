import { inflateRawSync } from 'node:zlib';

/** Entries read at most, and bytes one may inflate to: a test reads a document, not a zip bomb. */
const MAX_ENTRIES = 1000;
const MAX_ENTRY_BYTES = 16 * 1024 * 1024;

/**
 * The files of a zip archive (a .docx is one) by name, read through its central directory: a small,
 * bounded reader so a test can look inside a document without a package. Throws when it is not a zip.
 */
export function readZip(data: Buffer): Map<string, Buffer> {
  // the end-of-central-directory record sits in the last 64 KiB (22 bytes and a comment of up to 65,535)
  let end = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 0xffff); i--)
    if (data.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  if (end < 0) throw new Error('not a zip archive: no end of central directory');
  const count = data.readUInt16LE(end + 10);
  if (count > MAX_ENTRIES) throw new Error(`zip holds ${count} entries, more than ${MAX_ENTRIES}`);
  let at = data.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let n = 0; n < count; n++) {
    if (data.readUInt32LE(at) !== 0x02014b50) throw new Error('broken central directory');
    const method = data.readUInt16LE(at + 10);
    const compressed = data.readUInt32LE(at + 20);
    const size = data.readUInt32LE(at + 24);
    const nameLength = data.readUInt16LE(at + 28);
    const extraLength = data.readUInt16LE(at + 30);
    const commentLength = data.readUInt16LE(at + 32);
    const local = data.readUInt32LE(at + 42);
    const name = data.toString('utf8', at + 46, at + 46 + nameLength);
    if (data.readUInt32LE(local) !== 0x04034b50) throw new Error(`broken local header of ${name}`);
    if (size > MAX_ENTRY_BYTES) throw new Error(`${name} inflates to ${size} bytes`);
    const start = local + 30 + data.readUInt16LE(local + 26) + data.readUInt16LE(local + 28);
    const raw = data.subarray(start, start + compressed);
    const content = method === 0 ? raw : method === 8 ? inflateRawSync(raw, { maxOutputLength: MAX_ENTRY_BYTES }) : null;
    if (!content) throw new Error(`${name}: compression method ${method} is not read here`);
    files.set(name, Buffer.from(content));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}
