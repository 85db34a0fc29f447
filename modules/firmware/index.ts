// Public face of modules/firmware/: signed firmware packages, staged campaigns, and the edge device registry.
export { firmwareModule, createFirmwareModule, type FirmwareApi, type FirmwareModuleOptions } from './module.ts';
export { FirmwareService, CampaignInput, DEVICE_STATES, reasonCode, type DeviceState, type CampaignView, type CampaignPreview, type PackageSummary, type FirmwareServiceOptions } from './service.ts';
export { EdgeRegistry, EdgeRemoteConfig, EDGE_ID, type EdgeView } from './edges.ts';
export { firmwareCommandKinds, FIRMWARE_KINDS, type PackageCache, type LoadedPackage } from './kinds.ts';
