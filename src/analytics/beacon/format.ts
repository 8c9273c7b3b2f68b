/** The formatters moved to util/ so reports share them; re-exported here for the beacon scorer. */
export { formatCount, formatDuration, formatSpan } from '../../util/format.js';
