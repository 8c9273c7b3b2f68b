/**
 * Findings: detection result rows → findings with evidence and guides, process context from Sysmon
 * EID 1, and RBA-style risk ranking per host and destination. docs/risk-ranking.md.
 */
export type { Confidence, DetectionInfo, EvidenceSpec, EvidenceUnit, FieldRef, FindingMapping, Severity } from '../detections/types.js';
export type { ContextFactor, ContextMatch, Evidence, EvidenceValue, Finding, FindingDetection, ProcessContext } from './types.js';
export {
  CONFIDENCES,
  SEVERITIES,
  confidenceRank,
  parseConfidence,
  parseSeverity,
  severityRank,
} from './levels.js';
export {
  DEFAULT_FIELDS,
  MAX_ENTITY_LENGTH,
  MAX_LIST,
  checkDetectionInfo,
  checkFindingMapping,
  compileFindingMapper,
  mapRows,
  type FindingMapper,
  type MapperOptions,
  type MappingProblem,
} from './mapping.js';
export { parseTemplate, renderTemplate, type TemplateError, type TemplateFormat, type TemplatePart } from './template.js';
export {
  HISTOGRAM_BINS,
  TIMELINE_CAP,
  buildTimeline,
  intervalHistogram,
  thin,
  type IntervalHistogram,
  type Timeline,
} from './timeline.js';
export {
  RANK_DEFAULTS,
  compareFindings,
  compareText,
  rankFindings,
  registeredDomainOf,
  scoreFindings,
  type Contribution,
  type HostRisk,
  type RankOptions,
  type RankedFindings,
  type RiskObject,
} from './risk.js';
export {
  PROCESS_INDEX_DEFAULTS,
  ProcessIndex,
  enrichFindings,
  isSysmonProcessCreate,
  type ProcessIndexOptions,
  type ProcessRecord,
} from './process-index.js';
export { MAX_POINTS, MODERATE_POINTS, STRONG_POINTS, applyContextFactors, commandArguments, contextFactors } from './context-factors.js';
