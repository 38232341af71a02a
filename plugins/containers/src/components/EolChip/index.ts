export { EolChip } from './EolChip';
