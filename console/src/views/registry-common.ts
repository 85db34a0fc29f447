// The registry pages' own strings (Arabic and English) and small helpers shared by registry-subscribers.ts,
// registry-meters.ts and registry-operators.ts: role checks, loading per URL, the sub-navigation.
import { html, nothing, type TemplateResult } from 'lit-html';
import { pageStrings } from '../prefs.ts';
import { state } from '../store.ts';

const STRINGS = {
  en: {
    navSubscribers: 'Subscribers', navMeters: 'Meter registry', navOperators: 'Operators',
    subscribersTitle: 'Subscribers and accounts', search: 'Search', searchLabel: 'Meter, account, civil ID, phone or name', searchHint: 'Names in Arabic or English; a phone in any form (with or without the country code).',
    noResults: 'Nothing found.', k_meter: 'Meter', k_subscriber: 'Subscriber', k_account: 'Account', results: 'Results',
    onboardTitle: 'Open an account', nameAr: 'Name in Arabic', nameEn: 'Name in English', phone: 'Phone', civilId: 'Civil ID', email: 'E-mail',
    language: 'Language of messages', lang_ar: 'Arabic', lang_en: 'English', accountNumber: 'Account number', citizenTariff: 'Citizen tariff (at most two accounts per civil ID)',
    protectedKind: 'Protected category', pc_none: 'None', pc_medical: 'Medical', pc_elderly: 'Elderly', pc_determination: 'People of determination', pc_social_welfare: 'Social welfare',
    evidence: 'Evidence seen (e.g. letter number)', expires: 'Expires', createAccount: 'Open account', created: 'Account {acc} opened.',
    householdTitle: 'Household', householdOf: 'Household of account {acc}', linkMeter: 'Link a meter', meterNumber: 'Meter number', link: 'Link', unlink: 'Unlink',
    linked: 'Meter {id} linked.', unlinked: 'Meter {id} unlinked.', noMeters: 'No meters linked to this account yet.', electricityMeters: 'Electricity', waterMeters: 'Water',
    service: 'Service', electricity: 'Electricity', water: 'Water', transport: 'Transport', area: 'Area', model: 'Model', status: 'State', credit: 'Credit', credentials: 'MQTT credentials',
    st_in_stock: 'In stock', st_installed: 'Installed', st_active: 'Active', st_suspended: 'Suspended', st_decommissioned: 'Decommissioned',
    metersTitle: 'Meter registry', registerTitle: 'Register a meter', register: 'Register', registered: 'Meter {id} registered.', stsOptional: 'STS parameters (optional)',
    sgc: 'Supply group code', ti: 'Tariff index', krn: 'Key revision', keyType: 'Key type', baseDate: 'Base date',
    importTitle: 'Import a vendor delivery (CSV)', importHelp: 'A header row with the columns below (id, service and area required). Every row is checked first; one bad row imports nothing.',
    csvFile: 'CSV file', checkOnly: 'Check only', importNow: 'Import', imported: '{rows} rows: {created} new, {unchanged} unchanged.', checked: '{rows} rows checked: no errors.',
    importErrors: 'Nothing imported: {n} errors', line: 'Line', field: 'Field', detail: 'Problem',
    filter: 'Filter meters', showing: 'Showing {n} of {total}', changeState: 'Change state', apply: 'Apply',
    issue: 'Issue credentials', rotate: 'Rotate', revoke: 'Revoke', hasCreds: 'Issued', noCreds: 'None',
    revokeConfirm: 'Revoke the credentials of meter {id}? Its session is dropped and it cannot reconnect.', revoked: 'Credentials of meter {id} revoked.',
    secretTitle: 'Credentials of meter {id}', secretOnce: 'The password is shown only now. Give it to the meter (or its installer) and close: it cannot be shown again.',
    username: 'User name', password: 'Password', copy: 'Copy', copied: 'Copied', closeSecret: 'I have saved it — close',
    operatorsTitle: 'Operators', newOperator: 'Add an operator', displayName: 'Display name', role: 'Role', areas: 'Areas (comma separated; empty: every area)', everyArea: 'every area',
    r_admin: 'Administrator', r_supervisor: 'Supervisor', r_operator: 'Operator', r_call_centre: 'Call-centre agent', r_cashier: 'Cashier', r_field_technician: 'Field technician', r_viewer: 'Viewer',
    initialPassword: 'Initial password (10+ characters)', add: 'Add', addedOp: 'Operator {u} added.', disabledOp: '{u} disabled; their sessions ended.', enabledOp: '{u} enabled.', disable: 'Disable', enable: 'Enable', disabledBadge: 'Disabled', activeBadge: 'Active',
    resetPassword: 'Reset password', newPassword: 'New password', reset: 'Reset', resetDone: 'Password of {u} reset; their sessions ended.', onlyAdmin: 'Only an administrator can change operators.',
    notAllowed: 'Your role cannot use this page.', loading: 'Loading…', actions: 'Actions', open: 'Open', household: 'Household',
  },
  ar: {
    navSubscribers: 'المشتركون', navMeters: 'سجل العدادات', navOperators: 'المستخدمون',
    subscribersTitle: 'المشتركون والحسابات', search: 'بحث', searchLabel: 'رقم العداد أو الحساب أو البطاقة المدنية أو الهاتف أو الاسم', searchHint: 'الأسماء بالعربية أو الإنجليزية، والهاتف بأي صيغة (مع رمز الدولة أو بدونه).',
    noResults: 'لا توجد نتائج.', k_meter: 'عداد', k_subscriber: 'مشترك', k_account: 'حساب', results: 'النتائج',
    onboardTitle: 'فتح حساب', nameAr: 'الاسم بالعربية', nameEn: 'الاسم بالإنجليزية', phone: 'الهاتف', civilId: 'الرقم المدني', email: 'البريد الإلكتروني',
    language: 'لغة الرسائل', lang_ar: 'العربية', lang_en: 'الإنجليزية', accountNumber: 'رقم الحساب', citizenTariff: 'تعرفة المواطن (حسابان على الأكثر لكل رقم مدني)',
    protectedKind: 'الفئة المحمية', pc_none: 'لا يوجد', pc_medical: 'حالة طبية', pc_elderly: 'كبار السن', pc_determination: 'ذوو الإعاقة', pc_social_welfare: 'الضمان الاجتماعي',
    evidence: 'المستند المُطّلع عليه (مثل رقم الخطاب)', expires: 'تاريخ الانتهاء', createAccount: 'فتح الحساب', created: 'فُتح الحساب {acc}.',
    householdTitle: 'المنزل', householdOf: 'عدادات الحساب {acc}', linkMeter: 'ربط عداد', meterNumber: 'رقم العداد', link: 'ربط', unlink: 'فك الربط',
    linked: 'رُبط العداد {id}.', unlinked: 'فُك ربط العداد {id}.', noMeters: 'لا توجد عدادات مرتبطة بهذا الحساب بعد.', electricityMeters: 'الكهرباء', waterMeters: 'المياه',
    service: 'الخدمة', electricity: 'كهرباء', water: 'مياه', transport: 'الاتصال', area: 'المنطقة', model: 'الطراز', status: 'الحالة', credit: 'الرصيد', credentials: 'بيانات دخول MQTT',
    st_in_stock: 'في المخزن', st_installed: 'مُركّب', st_active: 'يعمل', st_suspended: 'موقوف', st_decommissioned: 'خارج الخدمة',
    metersTitle: 'سجل العدادات', registerTitle: 'تسجيل عداد', register: 'تسجيل', registered: 'سُجّل العداد {id}.', stsOptional: 'معاملات STS (اختيارية)',
    sgc: 'رمز مجموعة التوريد', ti: 'مؤشر التعرفة', krn: 'رقم مراجعة المفتاح', keyType: 'نوع المفتاح', baseDate: 'سنة الأساس',
    importTitle: 'استيراد شحنة من المورّد (CSV)', importHelp: 'سطر عناوين بالأعمدة أدناه (id وservice وarea إلزامية). تُفحص كل الأسطر أولاً؛ سطر واحد خاطئ يعني عدم استيراد أي شيء.',
    csvFile: 'ملف CSV', checkOnly: 'فحص فقط', importNow: 'استيراد', imported: '{rows} سطراً: {created} جديد، {unchanged} دون تغيير.', checked: 'فُحص {rows} سطراً: لا أخطاء.',
    importErrors: 'لم يُستورد شيء: {n} أخطاء', line: 'السطر', field: 'الحقل', detail: 'المشكلة',
    filter: 'تصفية العدادات', showing: 'عرض {n} من {total}', changeState: 'تغيير الحالة', apply: 'تطبيق',
    issue: 'إصدار بيانات الدخول', rotate: 'تجديد', revoke: 'إلغاء', hasCreds: 'صادرة', noCreds: 'لا يوجد',
    revokeConfirm: 'إلغاء بيانات دخول العداد {id}؟ ستُقطع جلسته ولن يستطيع الاتصال مجدداً.', revoked: 'أُلغيت بيانات دخول العداد {id}.',
    secretTitle: 'بيانات دخول العداد {id}', secretOnce: 'تظهر كلمة المرور الآن فقط. سلّمها للعداد (أو للفنّي) ثم أغلق: لا يمكن عرضها مرة أخرى.',
    username: 'اسم المستخدم', password: 'كلمة المرور', copy: 'نسخ', copied: 'نُسخت', closeSecret: 'حفظتها — إغلاق',
    operatorsTitle: 'المستخدمون', newOperator: 'إضافة مستخدم', displayName: 'الاسم الظاهر', role: 'الدور', areas: 'المناطق (مفصولة بفواصل؛ فارغة: كل المناطق)', everyArea: 'كل المناطق',
    r_admin: 'مدير النظام', r_supervisor: 'مشرف', r_operator: 'مشغّل', r_call_centre: 'موظف مركز الاتصال', r_cashier: 'أمين صندوق', r_field_technician: 'فني ميداني', r_viewer: 'مُطّلع',
    initialPassword: 'كلمة المرور الأولى (10 أحرف أو أكثر)', add: 'إضافة', addedOp: 'أُضيف المستخدم {u}.', disabledOp: 'عُطّل المستخدم {u} وانتهت جلساته.', enabledOp: 'فُعّل المستخدم {u}.', disable: 'تعطيل', enable: 'تفعيل', disabledBadge: 'معطّل', activeBadge: 'فعّال',
    resetPassword: 'إعادة تعيين كلمة المرور', newPassword: 'كلمة المرور الجديدة', reset: 'تعيين', resetDone: 'أُعيد تعيين كلمة مرور {u} وانتهت جلساته.', onlyAdmin: 'مدير النظام وحده يستطيع تعديل المستخدمين.',
    notAllowed: 'دورك لا يسمح باستخدام هذه الصفحة.', loading: 'جارٍ التحميل…', actions: 'إجراءات', open: 'فتح', household: 'المنزل',
  },
} as const;
export type RegistryKey = keyof (typeof STRINGS)['en'];

const strings = pageStrings(STRINGS);
/** A registry string in the chosen language, with {vars} filled in (numbers in the chosen digits). */
export const rg = (key: RegistryKey, vars?: Record<string, string | number>): string => strings.s(key, vars);
/** A string by a dynamic key, or the raw value. */
export const rgk = (prefix: string, value: string): string => strings.sk(prefix, value);

/** A server-made detail ("electricity · installed") with the words this page knows translated. */
export function detailText(detail: string): string {
  return detail.split(' · ').map((w) => (w in STRINGS.en ? rg(w as RegistryKey) : `st_${w}` in STRINGS.en ? rgk('st_', w) : w)).join(' · ');
}

export const DESK_ROLES = ['admin', 'supervisor', 'operator', 'call_centre'];
export const OPERATOR_ADMIN_ROLES = ['admin', 'supervisor'];
export const role = (): string => state.session?.user.role ?? '';
export const allowed = (roles: string[]): boolean => roles.includes(role());

export function notAllowed(title: string): TemplateResult {
  return html`<section><h1>${title}</h1><p class="notice info" role="status">${rg('notAllowed')}</p></section>`;
}

export function registryNav(active: string): TemplateResult {
  const link = (href: string, label: string, roles: string[]) => allowed(roles)
    ? html`<a class="btn ${active === href ? 'primary' : ''}" href=${href} aria-current=${active === href ? 'page' : 'false'}>${label}</a>` : nothing;
  return html`<p class="row registry-nav">${link('/registry/subscribers', rg('navSubscribers'), DESK_ROLES)}${link('/registry/meters', rg('navMeters'), DESK_ROLES)}${link('/registry/operators', rg('navOperators'), OPERATOR_ADMIN_ROLES)}</p>`;
}

export { load, invalidate } from './loads.ts';

/** Client-side navigation without importing main.ts (its popstate handler routes and redraws). */
export function go(path: string): void {
  history.pushState(null, '', path);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

/** The trimmed fields of a submitted form. */
export function fields(e: Event): (k: string) => string {
  e.preventDefault();
  const f = new FormData(e.target as HTMLFormElement);
  return (k) => String(f.get(k) ?? '').trim();
}

export function statusBadge(s: string): TemplateResult {
  const cls = s === 'active' ? 'ok' : s === 'suspended' ? 'warn' : s === 'decommissioned' ? 'bad' : 'muted';
  return html`<span class="badge ${cls}" data-status=${s}>${rgk('st_', s)}</span>`;
}
