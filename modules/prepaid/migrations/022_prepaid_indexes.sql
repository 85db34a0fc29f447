-- Per-meter lookups that every vend makes stay fast as the ledger grows: the month's vends and whether a meter has arrears.
CREATE INDEX prepaid_ledger_vend_month ON prepaid_ledger_txns (meter_id, (meta->>'month')) WHERE kind = 'vend';
CREATE INDEX prepaid_ledger_arrears ON prepaid_ledger_txns (meter_id) WHERE kind = 'arrears';
