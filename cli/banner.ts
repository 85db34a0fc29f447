// The start banner: where everything is and how to log in.
import type { RunningStack } from '../app/index.ts';

export function banner(s: RunningStack, version: string): string {
  const lines: string[] = ['', `  Raseed ${version} — prepaid meters gateway`, ''];
  if (s.urls.http) lines.push(`  Console & API   ${s.urls.http}`, `  API docs        ${s.urls.docs}`);
  if (s.urls.mqtt) lines.push(`  MQTT            ${s.urls.mqtt}${s.broker ? ' (embedded broker)' : ' (external broker)'}`);
  if (s.urls.mqtts) lines.push(`  MQTT over TLS   ${s.urls.mqtts}`);
  lines.push(`  Store           ${s.db.label ?? (s.db.kind === 'pglite' ? 'embedded (PGlite)' : 'PostgreSQL')}`);
  if (s.fleet) lines.push(`  Simulated fleet ${s.fleet.meters.length} meters`);
  lines.push('');
  if (s.admin.generatedPassword) {
    lines.push(`  First operator  admin / ${s.admin.generatedPassword}   (generated now and shown once; keep it)`);
  } else {
    lines.push(`  Operator        admin (password ${s.admin.fromEnv ? 'from RASEED_ADMIN_PASSWORD' : 'as set on first start'})`);
  }
  if (s.seeded?.demoSubscriber) lines.push(`  Demo subscriber ${s.seeded.demoSubscriber.username} / ${s.seeded.demoSubscriber.password}`);
  for (const n of s.notes) lines.push(`  Note: ${n}`);
  lines.push('', '  Press Ctrl-C to stop.', '');
  return lines.join('\n');
}
