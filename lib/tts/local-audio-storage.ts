import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  assertAudioKey,
  contentTypeOfKey,
  type AudioKey,
  type AudioStorage,
  type ByteRange,
} from './audio-storage';

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

/** Audio as plain files in one folder (by default `${DATA_DIR}/audio`), named by their key. */
export function createLocalAudioStorage(directory: string): AudioStorage {
  const root = path.resolve(directory);

  // Keys are validated to be `<hex>.<ext>`, so the joined path stays in `root`; checked again
  // here so a future change to the key format cannot silently open a traversal.
  function fileOf(key: AudioKey): string {
    const file = path.join(root, assertAudioKey(key));
    if (path.dirname(file) !== root) throw new Error(`Audio path escapes ${root}`);
    return file;
  }

  return {
    async put(key, bytes, contentType) {
      if (contentType !== contentTypeOfKey(key)) {
        throw new Error(`${key} must hold ${contentTypeOfKey(key)}, not ${contentType}`);
      }
      const file = fileOf(key);
      await mkdir(root, { recursive: true });
      // Written aside and renamed, so a reader never sees half a file.
      const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        await writeFile(temporary, bytes);
        await rename(temporary, file);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
    },

    async stat(key) {
      try {
        const info = await stat(fileOf(key));
        return { size: info.size, contentType: contentTypeOfKey(key) };
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },

    async get(key, range?: ByteRange) {
      let handle;
      try {
        handle = await open(fileOf(key), 'r');
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
      try {
        const { size } = await handle.stat();
        const start = range?.start ?? 0;
        const end = Math.min(range?.end ?? size - 1, size - 1);
        const length = Math.max(0, end - start + 1);
        const bytes = Buffer.alloc(length);
        if (length > 0) await handle.read(bytes, 0, length, start);
        return { bytes, size, contentType: contentTypeOfKey(key) };
      } finally {
        await handle.close();
      }
    },
  };
}
