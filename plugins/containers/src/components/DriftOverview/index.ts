export { DriftOverview, DriftOverviewPage } from './DriftOverview';
