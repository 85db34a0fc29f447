// Public face of modules/notifications/: the outbox, its channels (SMPP, SMTP, signed webhooks), templates
// in Arabic and English, SMS length rules, alert rules (leak, low credit) and the stack module.
export { notificationsModule, createNotificationsModule, type NotificationsModuleOptions, type NotificationsApi } from './module.ts';
export { Outbox, STATES as NOTIFICATION_STATES, type OutboxRecord, type OutboxState, type ListFilter } from './outbox.ts';
export { ChannelError, CHANNELS, type Channel, type ChannelName, type OutgoingMessage, type SendResult, type DeliveryReceipt } from './channel.ts';
export { SmppChannel } from './channel-smpp.ts';
export { SmtpChannel } from './channel-smtp.ts';
export { WebhookChannel, signWebhook } from './channel-webhook.ts';
export { render, money, tokenGroups, maskToken, KINDS, type NotificationKind, type MessageData, type Language } from './templates.ts';
export { smsLayout, smsParts, isGsm7, type SmsLayout, type SmsEncoding } from './sms.ts';
export { leakVerdict, lowCreditTransition, daysLeft, DEFAULT_LEAK_RULE, DEFAULT_LOW_CREDIT, type LeakRule, type LowCreditRule } from './rules.ts';
