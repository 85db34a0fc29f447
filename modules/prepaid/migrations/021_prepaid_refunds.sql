-- A refund is paid once per failed top-up.
CREATE UNIQUE INDEX prepaid_ledger_refund_once ON prepaid_ledger_txns (reference) WHERE reference IS NOT NULL AND kind = 'refund';
