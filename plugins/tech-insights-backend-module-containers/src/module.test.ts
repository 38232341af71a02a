import { startTestBackend } from '@backstage/backend-test-utils';
import {
  FactRetriever,
  techInsightsFactRetrieversExtensionPoint,
} from '@backstage-community/plugin-tech-insights-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import techInsightsModuleContainers from './index';

describe('techInsightsModuleContainers', () => {
  it('adds the drift fact retriever under the key its app-config entry uses', async () => {
    const added: Record<string, FactRetriever> = {};
    const backend = await startTestBackend({
      extensionPoints: [
        [
          techInsightsFactRetrieversExtensionPoint,
          { addFactRetrievers: retrievers => Object.assign(added, retrievers) },
        ],
      ],
      features: [techInsightsModuleContainers, catalogServiceMock.factory()],
    });
    try {
      expect(Object.keys(added)).toEqual([
        'dockyardContainerDriftFactRetriever',
      ]);
      const retriever = added.dockyardContainerDriftFactRetriever;
      // The engine schedules and stores the facts under the retriever's id.
      expect(retriever.id).toBe('dockyardContainerDriftFactRetriever');
      expect(retriever.entityFilter).toEqual({
        kind: 'Component',
        'spec.type': 'container',
      });
      expect(Object.keys(retriever.schema)).toEqual(
        expect.arrayContaining(['status', 'majorsBehind', 'daysToEol']),
      );
    } finally {
      await backend.stop();
    }
  });
});
