-- Shipped categories for a Gulf utility (the service charter and the region's guaranteed standards):
-- technical requests 24 h, account requests 45 min, serious complaints 15 days, supply restored within
-- 3 h (compensated when missed), connections and relocations in working days. A utility edits them
-- (PUT /api/v1/desk/categories/:code). compensation_minor is in the utility currency's minor units.
INSERT INTO desk_categories (code, kind, name_en, name_ar, department, deadline_minutes, clock, field_visit, compensation_minor, sort) VALUES
  ('no_supply', 'complaint', 'No supply', 'انقطاع الخدمة', 'operations/emergency', 180, 'clock', true, 5000, 10),
  ('reconnection', 'request', 'Reconnection after payment', 'إعادة التوصيل بعد السداد', 'operations/emergency', 180, 'clock', true, 5000, 20),
  ('token_rejected', 'complaint', 'Token rejected by the meter', 'رفض العداد لرمز الشحن', 'metering/prepaid', 1440, 'clock', false, NULL, 30),
  ('topup_not_credited', 'complaint', 'Top-up paid but not credited', 'شحن مدفوع لم يُضف للرصيد', 'billing/accounts', 45, 'clock', false, NULL, 40),
  ('meter_fault', 'complaint', 'Meter fault', 'عطل في العداد', 'metering/maintenance', 1440, 'clock', true, NULL, 50),
  ('high_consumption', 'complaint', 'High consumption', 'ارتفاع الاستهلاك', 'inspection/follow-up', 1440, 'clock', true, NULL, 60),
  ('leak', 'complaint', 'Leak', 'تسرب', 'network/water', 1440, 'clock', true, NULL, 70),
  ('billing_account', 'request', 'Billing and account', 'الفواتير والحساب', 'billing/accounts', 45, 'clock', false, NULL, 80),
  ('relocation', 'request', 'Meter relocation', 'نقل العداد', 'metering/maintenance', 2100, 'working', true, NULL, 90),
  ('new_connection', 'request', 'New connection', 'توصيل جديد', 'connections', 4200, 'working', true, NULL, 100),
  ('serious_complaint', 'complaint', 'Serious complaint', 'شكوى جسيمة', 'complaints', 21600, 'clock', false, NULL, 110),
  ('enquiry', 'enquiry', 'General enquiry', 'استفسار عام', 'contact-centre', 1440, 'clock', false, NULL, 120),
  ('tamper', 'request', 'Meter tamper (automatic)', 'عبث بالعداد (تلقائي)', 'inspection/follow-up', 1440, 'clock', true, NULL, 200),
  ('relay_stuck', 'request', 'Relay not switching (automatic)', 'المرحّل لا يستجيب (تلقائي)', 'metering/maintenance', 1440, 'clock', true, NULL, 210),
  ('silent_meter', 'request', 'Meter silent (automatic)', 'عداد لا يتصل (تلقائي)', 'metering/communications', 1440, 'clock', false, NULL, 220),
  ('topup_not_accepted', 'request', 'Top-up not accepted within an hour (automatic)', 'شحن لم يقبله العداد خلال ساعة (تلقائي)', 'billing/accounts', 45, 'clock', false, NULL, 230);
