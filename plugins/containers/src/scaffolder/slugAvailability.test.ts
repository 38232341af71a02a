import { checkContainerSlug, slugFromName } from './slugAvailability';

const catalog = (names: string[], fail = false) => ({
  getEntityByRef: jest.fn(async (ref: any) => {
    if (fail) throw new Error('503 Service Unavailable');
    const name = String(ref).replace('component:default/', '');
    return names.includes(name)
      ? ({
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name },
        } as any)
      : undefined;
  }),
});

describe('checkContainerSlug', () => {
  it('says a free slug is free, after asking the catalog for the component', async () => {
    const api = catalog(['trino']);
    expect(await checkContainerSlug(api, 'kafka-connect')).toEqual({
      status: 'free',
      message: 'kafka-connect is free',
    });
    expect(api.getEntityByRef).toHaveBeenCalledWith(
      'component:default/kafka-connect',
    );
  });

  it('says a slug in the catalog is taken', async () => {
    expect(await checkContainerSlug(catalog(['trino']), 'trino')).toEqual({
      status: 'taken',
      message:
        'component:default/trino already exists in the catalog: choose another slug',
    });
  });

  it.each([
    ['../x', 'not a path'],
    ['Trino', 'must be lower case'],
    ['_template', 'is reserved'],
  ])('refuses %j without asking the catalog', async (slug, message) => {
    const api = catalog([]);
    const result = await checkContainerSlug(api, slug);
    expect(result.status).toBe('invalid');
    expect(result.status === 'invalid' && result.message).toContain(message);
    expect(api.getEntityByRef).not.toHaveBeenCalled();
  });

  it('says a slug is taken by a container.yaml that exists but never loaded', async () => {
    const containers = {
      listUnloadedContainerFiles: jest.fn(async () => [
        {
          entityRef: 'component:default/broken-one',
          file: 'containers/broken-one/container.yaml',
          problems: [],
        },
      ]),
    };
    expect(
      await checkContainerSlug(catalog([]), 'broken-one', containers),
    ).toEqual({
      status: 'taken',
      message:
        'containers/broken-one/container.yaml exists but does not load (see Container drift): fix it, or choose another slug',
    });
    expect(
      (await checkContainerSlug(catalog([]), 'kafka-connect', containers))
        .status,
    ).toBe('free');
    // Without an answer about unloaded files, the slug is not blocked.
    containers.listUnloadedContainerFiles.mockRejectedValueOnce(
      new Error('503'),
    );
    expect(
      (await checkContainerSlug(catalog([]), 'broken-one', containers)).status,
    ).toBe('free');
  });

  it('does not block when the catalog cannot answer', async () => {
    const result = await checkContainerSlug(catalog([], true), 'kafka');
    expect(result.status).toBe('unknown');
  });

  it('has nothing to say about an empty field', async () => {
    expect(await checkContainerSlug(catalog([]), '')).toEqual({
      status: 'empty',
    });
  });
});

describe('slugFromName', () => {
  it.each([
    ['Kafka Connect', 'kafka-connect'],
    ['Apache Polaris (incubating)', 'apache-polaris-incubating'],
    ['Ünïcödé Tööl', 'unicode-tool'],
    ['3D Viewer', 'd-viewer'],
    ['---', undefined],
    [undefined, undefined],
  ])('suggests %j → %j', (name, slug) => {
    expect(slugFromName(name)).toBe(slug);
  });
});
