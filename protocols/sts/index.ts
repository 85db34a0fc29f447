// Public face of protocols/sts: the STS (IEC 62055-41) token engine. Pure code, no I/O.
//
// Vending (the product): vending keys live in a VendingKeyStore (SoftwareKeyStore now, an HSM later);
// nothing else ever holds one.
//   const store = new SoftwareKeyStore(); store.addVendingKey('vk1', hex, '02');
//   const meter: MeterKeyRef = { ...makeDecoderKeyParams({ dkga: '02', ea: 'STA', meter: '01234567897',
//     keyType: 2, sgc: '123456', ti: 1, krn: 1, baseDate: 2014 }), vendingKeyId: 'vk1' };
//   const { token, formatted, tid } = await vendCreditToken(store, meter, { units: '12.5', lastTid });
//   const kct = await vendKeyChange(store, meter, { ...meter, krn: 2 }, { rollover: false });
//
// Meter side (the simulator): the decoder state is a plain JSON object; persist it after each token.
//   let state = createDecoderState({ ea: 'STA', decoderKey: await store.exportDecoderKey(meter), keyType: 2,
//     baseDate: 2014, initialTid: tidFromDate(new Date(), 2014) });
//   const r = decodeToken(state, digits, { now });  // never throws
//   state = r.state;  // r.result: 'accept' | 'old' | 'used' | 'key_expired' | 'crc' | 'format' | ...
//   if (r.result === 'accept' && r.credit?.kind === 'units') register += r.credit.registerUnits; // Wh or L
// or `new MeterTokenDecoder(state, { service, onStateChange })`, which implements meter-sim's TokenDecoderPort.
export * from './errors.ts';
export { formatDecimal, parseDecimalCeil, unitsToTenths, encodeTransferAmount, decodeTransferAmount, encodeCurrencyAmount, decodeCurrencyAmount, MAX_TRANSFER_AMOUNT, CURRENCY_SCALE } from './amount.ts';
export type { CurrencyAmount } from './amount.ts';
export { stsCrc, crc16Modbus } from './crc.ts';
export { BASE_DATES, TID_MAX, isBaseDate, tidFromDate, tidToIso, tidToWallIso, lastValidMinute, isKeyExpired, nextUniqueTid } from './tid.ts';
export type { BaseDate } from './tid.ts';
export { EAS, EA_CODES, parseEa, createCipher, keyBytesFor } from './ciphers.ts';
export type { Ea, BlockCipher } from './ciphers.ts';
export { STA_REAL_TABLES, STA_SAMPLE_TABLES, staCipher } from './sta.ts';
export type { StaTables } from './sta.ts';
export { desEncrypt, desDecrypt } from './des.ts';
export { parseMeterNumber, luhnCheckDigit, luhnValid, panBlock, controlBlock, STS_IIN } from './meter-number.ts';
export type { MeterNumber } from './meter-number.ts';
export { makeDecoderKeyParams, parseDkga, KEY_TYPE_NAMES } from './dkga.ts';
export type { DecoderKeyParams, Dkga, KeyType } from './dkga.ts';
export { buildDataBlock, parseDataBlock, classOf } from './token-data.ts';
export type { TokenFields, TokenType } from './token-data.ts';
export { formatToken, parseTokenDigits } from './transposition.ts';
export { requestToFields, encodeToken, vendWithDecoderKey, keyChangeFields, vendKeyChangeWithDecoderKeys, assertNewKeyInfo, vendToken, vendCreditToken, vendKeyChange } from './vend.ts';
export type { VendRequest, VendContext, NewKeyInfo, VendedToken, TimeFields } from './vend.ts';
export { createDecoderState, decodeToken, decodeWithKey, decryptToken, describeFields, checkDecoderState, DEFAULT_TID_MEMORY, DEFAULT_LOCKOUT } from './decoder.ts';
export type { DecoderState, DecodeResult, DecodeOptions, DecodedToken, Credit, Service, PendingKeyChange, CreateDecoderStateOptions, TokenResult, LockoutPolicy } from './decoder.ts';
export { SoftwareKeyStore } from './keystore.ts';
export type { VendingKeyStore, MeterKeyRef, VendingKeyInfo } from './keystore.ts';
export { MeterTokenDecoder } from './meter-decoder.ts';
export type { MeterTokenOutcome, MeterTokenDecoderOptions, MeterEffect } from './meter-decoder.ts';
export { StsBatchSession } from './batch.ts';
export type { BatchContext } from './batch.ts';
