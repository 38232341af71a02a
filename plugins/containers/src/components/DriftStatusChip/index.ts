export { DriftStatusChip } from './DriftStatusChip';
