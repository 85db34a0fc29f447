// DEA (EA09): single DES in ECB mode on the 64-bit data block, keyed by the 64-bit decoder key.
import { desDecryptBlock, desEncryptBlock, desKeySchedule } from './des.ts';
import type { BlockCipher } from './sta.ts';

export function deaCipher(key: bigint): BlockCipher {
  const ks = desKeySchedule(key);
  return {
    encrypt: (block) => desEncryptBlock(block, ks),
    decrypt: (block) => desDecryptBlock(block, ks),
  };
}
