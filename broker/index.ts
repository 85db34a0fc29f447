// Public face of broker/: the embedded aedes MQTT broker with per-meter credentials and topic ACLs.
export { startBroker, identityOf, type BrokerOptions, type RunningBroker, type Authenticator, type PublishHook } from './broker.ts';
export { canPublish, canSubscribe, type Identity } from './acl.ts';
