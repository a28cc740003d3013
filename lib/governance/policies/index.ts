// The policy engine: ordered checks from a config file, on input and on streaming output.
export { compilePolicy, evaluatePolicy, redact, type CompiledPolicy, type PolicyResult } from './engine';
export { loadPolicy, parsePolicy, policyPath, policySchema } from './load';
export { moderate, openAiModerator, type Moderator } from './moderation';
export { isValidCnId, luhnValid } from './pii';
export {
  asOutputGuard,
  filterTextStream,
  policyStreamTransform,
  policyTextTransform,
  REFUSAL_MARKER,
  StreamingPolicyFilter,
  type FilteredPart,
} from './stream';
export { strongest, type Policy, type PolicyAction, type PolicyCheck, type PolicySide, type Verdict } from './types';
