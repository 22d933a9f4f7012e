import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

/** Makes a new or renamed file's directory entry durable; not supported on Windows. */
export function syncDirectory(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Replaces `file` with `content` so that a crash leaves either the old or the new file whole. */
export function writeFileAtomic(file: string, content: string | Buffer): void {
  const temp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(temp, 'w');
  try {
    fs.writeFileSync(fd, content);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, file);
  syncDirectory(path.dirname(file));
}

// The journal keeps one numeric descriptor open for its life (fs.promises
// wants a FileHandle), so its reads and writes go through these callbacks
// made promises: the event loop goes on while the disk works.
const readCallback = promisify(fs.read);
const writeCallback = promisify(fs.write);

/** Reads up to `buffer.length` bytes at `position`; how many were read. */
export async function readAt(fd: number, buffer: Buffer, position: number): Promise<number> {
  const { bytesRead } = await readCallback(fd, buffer, 0, buffer.length, position);
  return bytesRead;
}

/** Writes all of `bytes` at the file's end (an `a`-mode descriptor). */
export async function appendAll(fd: number, bytes: Buffer): Promise<void> {
  let written = 0;
  while (written < bytes.length) written += (await writeCallback(fd, bytes, written, bytes.length - written, null)).bytesWritten;
}

export const datasync: (fd: number) => Promise<void> = promisify(fs.fdatasync);
export const fsync: (fd: number) => Promise<void> = promisify(fs.fsync);
export const truncate: (fd: number, length: number) => Promise<void> = promisify(fs.ftruncate);
