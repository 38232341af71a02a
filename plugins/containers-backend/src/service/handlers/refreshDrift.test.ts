import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import { callerOf, readEntityRef } from './refreshDrift';

describe('readEntityRef', () => {
  it('writes a ref in full, a component in the default namespace unless it says otherwise', () => {
    expect(readEntityRef('trino')).toBe('component:default/trino');
    expect(readEntityRef('Component:lakehouse/trino')).toBe(
      'component:lakehouse/trino',
    );
  });

  it('refuses an empty ref, or one not on the form kind:namespace/name, naming it', () => {
    for (const value of ['', '  ']) {
      expect(() => readEntityRef(value)).toThrow(
        new InputError(
          'entityRef must be an entity ref such as component:default/trino',
        ),
      );
    }
    expect(() => readEntityRef('component:/trino')).toThrow(
      'entityRef "component:/trino" is not an entity ref: Entity reference "component:/trino" was not on the form [<kind>:][<namespace>/]<name>',
    );
  });
});

describe('callerOf', () => {
  const auth = mockServices.auth();

  it('names a user by entity ref and a service by subject', () => {
    expect(callerOf(auth, mockCredentials.user('user:default/jane'))).toBe(
      'user:default/jane',
    );
    expect(callerOf(auth, mockCredentials.service('plugin:catalog'))).toBe(
      'service:plugin:catalog',
    );
    expect(callerOf(auth, mockCredentials.none())).toBe('none');
  });
});
