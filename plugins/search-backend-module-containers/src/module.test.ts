import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import { PLATFORM_ENTITIES } from './__testUtils__/fixtures';
import { ContainerCollatorFactory } from './ContainerCollatorFactory';
import searchModuleContainersCollator from './index';

describe('searchModuleContainersCollator', () => {
  it('registers the containers collator with the search plugin, on the configured schedule', async () => {
    const addCollator = jest.fn();
    const scheduler = mockServices.scheduler.mock();
    const schedule = {
      frequency: { minutes: 2 },
      timeout: { minutes: 1 },
      initialDelay: { seconds: 5 },
    };
    await startTestBackend({
      extensionPoints: [
        [
          searchIndexRegistryExtensionPoint,
          { addCollator, addDecorator: jest.fn() },
        ],
      ],
      features: [
        searchModuleContainersCollator,
        scheduler.factory,
        catalogServiceMock.factory({ entities: PLATFORM_ENTITIES }),
        mockServices.rootConfig.factory({
          data: { search: { collators: { dockyardContainers: { schedule } } } },
        }),
      ],
    });
    expect(scheduler.createScheduledTaskRunner).toHaveBeenCalledWith(schedule);
    expect(addCollator).toHaveBeenCalledTimes(1);
    const { factory } = addCollator.mock.calls[0][0];
    expect(factory).toBeInstanceOf(ContainerCollatorFactory);
    expect(factory.type).toBe('dockyard-container');
  });
});
