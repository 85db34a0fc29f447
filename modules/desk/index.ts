// Public face of modules/desk/: the subscriber-services desk (cases, deadlines, routing, visits,
// attachments, polls, statistics) and its stack module. Notifications subscribe through DeskApi.onReply/onClose.
export { DeskService, CASE_KINDS, CASE_STATES, CHANNELS, AUTO_CAUSES, CASE_PREFIX, CLOCK_RUNNING, systemActor } from './service.ts';
export type { CaseRecord, CaseKind, CaseState, Channel, AutoCause, Category, CaseEvent, Visit, Survey, NewCase, CaseFilter, ReplyNotice, DeskStats } from './service.ts';
export { deadlineOf, addWorkingMinutes, GULF_WORKING_WEEK, type WorkingWeek, type ClockMode } from './deadline.ts';
export { AttachmentStore, ATTACHMENT_TYPES, DEFAULT_MAX_ATTACHMENT_BYTES, sniff, contentDisposition, type Attachment } from './attachments.ts';
export { deskRoutes, CaseView } from './routes.ts';
export { deskModule, createDeskModule, type DeskApi, type DeskModuleOptions } from './module.ts';
