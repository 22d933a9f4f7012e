import fs from 'node:fs';
import path from 'node:path';

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
// wants a FileHandle), so its reads and writes go through fs's callbacks made
// promises: the event loop goes on while the disk works.

/** Reads up to `buffer.length` bytes at `position`; how many were read. */
export function readAt(fd: number, buffer: Buffer, position: number): Promise<number> {
  return new Promise((resolve, reject) => fs.read(fd, buffer, 0, buffer.length, position, (err, read) => (err ? reject(err) : resolve(read))));
}

/** Writes all of `bytes` at the file's end (an `a`-mode descriptor). */
export async function appendAll(fd: number, bytes: Buffer): Promise<void> {
  let written = 0;
  while (written < bytes.length) {
    written += await new Promise<number>((resolve, reject) =>
      fs.write(fd, bytes, written, bytes.length - written, null, (err, count) => (err ? reject(err) : resolve(count))),
    );
  }
}

const done = (resolve: () => void, reject: (err: Error) => void) => (err: Error | null) => (err ? reject(err) : resolve());
export const datasync = (fd: number): Promise<void> => new Promise((resolve, reject) => fs.fdatasync(fd, done(resolve, reject)));
export const fsync = (fd: number): Promise<void> => new Promise((resolve, reject) => fs.fsync(fd, done(resolve, reject)));
export const truncate = (fd: number, length: number): Promise<void> => new Promise((resolve, reject) => fs.ftruncate(fd, length, done(resolve, reject)));
