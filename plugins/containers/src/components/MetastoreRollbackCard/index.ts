export { MetastoreRollbackCard } from './MetastoreRollbackCard';
