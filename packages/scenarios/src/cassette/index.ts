export {
  Cassette,
  type CassetteCall,
  type CassetteMode,
  type CassetteOptions,
  type CassetteReport,
  type ChangedCall,
  openCassette,
} from './cassette.js';
export { type CallPosition, CassetteMissError, CassetteStaleError } from './cassette-errors.js';
export { CASSETTE_VERSION, type CassetteEntry, serializeCassette } from './cassette-file.js';
export { formatCassetteReport } from './cassette-report.js';
export { withCassetteScopes } from './cassette-target.js';
export { DEFAULT_PROMPT_REWRITES, type PromptRewrite } from './prompt-key.js';
