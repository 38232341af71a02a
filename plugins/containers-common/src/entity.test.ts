import {
  containerEntityFilter,
  containerProblemsOf,
  isContainerEntity,
} from './entity';

const problem = {
  file: 'containers/x/container.yaml',
  line: 3,
  column: 7,
  path: 'slug',
  message: 'slug "x" differs from its folder',
  severity: 'error' as const,
  rule: 'slug-folder',
};

function entity(annotations?: Record<string, string>) {
  return { metadata: { annotations } };
}

describe('containerProblemsOf', () => {
  it('reads the problems the catalog module wrote', () => {
    expect(
      containerProblemsOf(
        entity({ 'dockyard.io/problems': JSON.stringify([problem]) }),
      ),
    ).toEqual([problem]);
  });

  it('has none for a regular entity', () => {
    expect(containerProblemsOf(entity())).toBeUndefined();
    expect(
      containerProblemsOf(entity({ 'dockyard.io/slug': 'x' })),
    ).toBeUndefined();
  });

  it('reports a hand-written value as one problem of the file', () => {
    const annotations = {
      'dockyard.io/problems': 'broken by hand',
      'dockyard.io/container-yaml': 'file:/srv/containers/x/container.yaml',
    };
    expect(containerProblemsOf(entity(annotations))).toEqual([
      expect.objectContaining({
        file: 'file:/srv/containers/x/container.yaml',
        message: 'broken by hand',
        severity: 'error',
      }),
    ]);
    expect(
      containerProblemsOf(
        entity(annotations),
        'containers/x/container.yaml',
      )?.[0].file,
    ).toBe('containers/x/container.yaml');
  });
});

describe('isContainerEntity and containerEntityFilter', () => {
  const container = {
    kind: 'Component',
    metadata: {
      annotations: {
        'dockyard.io/container-yaml':
          'url:https://example.com/containers/trino/container.yaml',
      },
    },
    spec: { type: 'container' },
  };

  it('is a Component of type container with the container.yaml annotation', () => {
    expect(isContainerEntity(container)).toBe(true);
    expect(isContainerEntity({ ...container, kind: 'component' })).toBe(true);
    expect(isContainerEntity({ ...container, kind: 'Resource' })).toBe(false);
    expect(isContainerEntity({ ...container, spec: { type: 'service' } })).toBe(
      false,
    );
    expect(
      isContainerEntity({ ...container, metadata: { annotations: {} } }),
    ).toBe(false);
  });

  it('is the filter that selects the same entities, with the reader’s own "exists"', () => {
    const exists = Symbol('exists');
    expect(containerEntityFilter(exists)).toEqual({
      kind: 'Component',
      'spec.type': 'container',
      'metadata.annotations.dockyard.io/container-yaml': exists,
    });
  });
});
