// Public face of broker/: the embedded aedes MQTT broker with per-meter credentials and topic ACLs.
export { startBroker, identityOf, type BrokerOptions, type RunningBroker, type Authenticator, type PublishHook } from './broker.ts';
export { canPublish, canRetain, canSubscribe, type Identity } from './acl.ts';
export {
  LoginThrottle, Backoff, PacketSizeGuard, PacketTooLargeError, ConnectionCounter, isWellFormedUsername, ADDRESS_BACKOFF, USERNAME_BACKOFF,
  DEFAULT_METER_MAX_PACKET_BYTES, DEFAULT_SERVICE_MAX_PACKET_BYTES, DEFAULT_MAX_CONNECTIONS_PER_ADDRESS, type BackoffPolicy,
} from './limits.ts';
export { MosquittoDynsec, DynsecError, meterAcls, meterRole, DYNSEC_TOPIC, type DynsecOptions, type MeterCredential } from './dynsec.ts';
