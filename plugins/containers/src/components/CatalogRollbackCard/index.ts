export { CatalogRollbackCard } from './CatalogRollbackCard';
