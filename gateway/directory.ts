// What the gateway needs to know about meters, as a port: the registry module implements it and the
// composition root hands it in, so the gateway never reads the registry's tables itself.
import type { Identity } from '../broker/index.ts';
import type { ServiceType } from '../protocols/index.ts';
import type { MeterInfoLookup } from './telemetry/meter-info.ts';

export interface MeterDirectory {
  /** Is this a registered meter? (cached; `invalidate` after registering one) */
  exists(meterId: string): Promise<boolean>;
  /** The meter's service (its class for physical limits), or null for an unknown meter. */
  service(meterId: string): Promise<ServiceType | null>;
  /** Forget a cached answer (a meter was just registered or changed). */
  invalidate(meterId: string): void;
  /** MQTT login: a meter by its id and password, or a service account (`svc:<name>`). */
  authenticate(username: string, password: string): Promise<Identity | null>;
  /** Series tags of a meter (service, area, tariff), null for an unknown meter. */
  tags: MeterInfoLookup;
}
