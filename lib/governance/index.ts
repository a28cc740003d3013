// The governance domain's public API: what the chat, memory, personas and admin code call.
export { audit, closeUnfinishedGenerations, completeGeneration, startGeneration, type ClosedGeneration } from './audit';
export type {
  AppendedRecord,
  AuditAction,
  AuditEntry,
  AuditEvents,
  GenerationEnd,
  GenerationFinish,
  GenerationHandle,
  GenerationStart,
  Usage,
} from './types';
export { aigcLabel, type AigcLabel } from './labels';
export { estimateCost, readPrices, type PriceTable } from './settings';
export { exportAudit, type ExportFormat } from './export';
export { eraseUserContent, eraseUserContentIn, getRetentionDays, purgeExpiredContent, setRetentionDays } from './retention';
export { costRangeQuerySchema, costReport, resolveCostRange, type CostReport } from './costs';
export { lastVerification, saveVerification, verifyDatabase, verifyExportLines, type VerifyResult } from './verify';
export {
  auditFilterSchema,
  exportQuerySchema,
  listAuditQuerySchema,
  listAuditRecords,
  parseListQuery,
  type AuditFilter,
  type AuditListItem,
} from './queries';
export { getAuditCallForViewerOrThrow, type AuditCallView, type AuditRecordView } from './records';
export {
  flagBodySchema,
  listIncidentsForAssignee,
  listIncidentsForRecord,
  raiseIncident,
  resolveBodySchema,
  resolveIncident,
  type Incident,
} from './incidents';
export { governanceStartup } from './startup';
export * from './policies';
