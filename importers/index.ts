/** The HR CSV import library: read whatever an HR system exports, check it whole, preview, apply, undo. */
export { runImport, inspectFile, sha256, appliedRunOfUpload } from "./run";
export { listImportRuns, importRunErrors } from "./history";
export { undoLastImport, previewUndo, type UndoResult, type UndoPreview } from "./undo";
export {
  saveMappingProfile,
  listMappingProfiles,
  getMappingProfile,
  deleteMappingProfile,
  validateMapping,
  profileMatches,
  bestMatchingProfile,
  type MappingProfile,
} from "./profiles";
export { errorsToCsv } from "./errors-csv";
export { readHeaders, readSource, uploadProblem, type Source, type SourceFormat } from "./source";
export { NOT_CSV, sniffFileType, type FileType } from "./file-type";
export { fieldsOf, headerKey, matchHeader, type FieldSpec } from "./fields";
export { parseDate } from "./dates";
export { normaliseJobTitle } from "./values";
export { IMPORT_KINDS, CONDUCT_IMPORT_KINDS, IMPORT_KIND_LABELS, IMPORT_KIND_HELP, isImportKind, isConductKind, type ConductImportKind } from "./kinds";
export {
  DEFAULT_LIMITS,
  PREVIEW_LIMIT,
  ImportUsageError,
  UploadAlreadyAppliedError,
  type ImportKind,
  type ImportMode,
  type ImportLimits,
  type ImportResult,
  type RunImportOptions,
  type InspectOptions,
  type InspectResult,
  type RowError,
  type PreviewChange,
  type FieldChange,
  type Counts,
  type Detected,
  type DateColumnOrder,
  type DateOrder,
  type DetectedEncoding,
  type Delimiter,
} from "./types";
