// Public face of modules/prepaid/: money, tariffs, the ledger, vending keys, the top-up service and its stack module.
export { CURRENCIES, CURRENCY_EXPONENT, PrepaidError, parseMoney, formatMoney, formatTenths, isCurrency, exponentOf, type Currency, type PrepaidErrorCode } from './money.ts';
export {
  DEFAULT_TARIFFS, TariffSet, compileTariff, computeBreakdown, unitsFor, encodableTenths, breakdownView,
  type TariffDefinition, type TariffBlock, type EnergyCharge, type CompiledTariff, type Breakdown, type BreakdownInput, type BreakdownView, type BlockUse, type ServiceType,
} from './tariff.ts';
export { ACCOUNTS, postTxn, reconcile, vendTxns, monthUnits, accountBalance, LedgerError, type Reconciliation, type ReconciliationRow, type VendMeta, type Entry, type TxnKind } from './ledger.ts';
export { loadVendingKeys, meterKeyRef, stsParamsOf, simDecoderState, VENDING_KEY_FILE, type VendingKeys } from './keys.ts';
export { dayOf, monthOf } from './calendar.ts';
export { TopUpService, CRASH_POINTS, FINAL_STATES, type TopUpRecord, type TopUpRequest, type TopUpResult, type TopUpState, type TopUpStep, type Actor, type Quote, type CrashPoint } from './topups.ts';
export { prepaidModule, createPrepaidModule, TARIFFS_FILE, TOKEN_COMMAND, type PrepaidModuleOptions, type PrepaidApi } from './module.ts';
export { topupRoutes, TopUpView, BreakdownSchema, type TopupRoutesOptions } from './routes.ts';
export { revenueReport, type RevenueReport, type RevenueRow } from './revenue.ts';
