/** Merge planning: which profile survives, the plan a merge executes, comparison and undo rules. */
export { HISTORY_TABLES } from './types.ts';
export type {
  AccountClash,
  AppointmentClash,
  FieldChoice,
  FieldSource,
  HistoryTable,
  MergeAppointment,
  MergeChoices,
  MergeClash,
  MergeContactPoint,
  MergeCustomer,
  MergeOnlineAccount,
  MergePlan,
  MergeWarning,
  NewsletterClash,
  PlanContext,
  PlanError,
  PlannedContactPoint,
  PlannedCustomer,
  PlannedField,
  PlannedMove,
  PlanResult,
} from './types.ts';
export { compareForSurvival, rankForSurvival, orderWithSurvivor } from './survivor.ts';
export { planMerge, mergeRefusals } from './mergePlan.ts';
export { compareValues, comparable, isPhoneField, e164Field } from './compare.ts';
export type { ComparedField, FieldValue } from './compare.ts';
export {
  overlappingAppointments,
  usableAccounts,
  defaultAccount,
  defaultNewsletter,
  MAX_LISTED_CLASHES,
} from './clashes.ts';
export { undoFields } from './undo.ts';
export type { SurvivorState, RestorableField, UndoFields } from './undo.ts';
