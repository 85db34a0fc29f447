// CRC-32 (IEEE 802.3, the zlib/PNG polynomial) of a byte range. node:zlib has crc32 from Node 20.15/22.2;
// on older runtimes a table-driven fallback gives the same values.
import * as zlib from 'node:zlib';

const TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** Portable implementation (exported for tests, which compare it with zlib's). */
export function crc32Fallback(buf: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = TABLE[(c ^ buf[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const native = (zlib as unknown as { crc32?: (data: Uint8Array) => number }).crc32;

export const crc32: (buf: Uint8Array) => number = typeof native === 'function' ? (b) => native(b) >>> 0 : crc32Fallback;
