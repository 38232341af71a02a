import { LookupAddress } from 'dns';
import {
  AddressRefusedError,
  guardedLookup,
  refusalFor,
} from './guardedLookup';

function lookupOf(addresses: LookupAddress[], check = true) {
  const resolve = jest.fn(async (_hostname: string) => addresses);
  const lookup = guardedLookup(resolve, check);
  const call = (options: { all?: boolean; family?: number } = {}) =>
    new Promise<{ error: any; address: any; family?: number }>(done =>
      lookup('feed.test', options as any, (error, address, family) =>
        done({ error, address, family }),
      ),
    );
  return { resolve, call };
}

describe('guardedLookup', () => {
  it('hands back public addresses, one or all as asked', async () => {
    const { resolve, call } = lookupOf([
      { address: '140.82.112.5', family: 4 },
      { address: '2606:4700:4700::1111', family: 6 },
    ]);
    expect(await call()).toEqual({
      error: null,
      address: '140.82.112.5',
      family: 4,
    });
    expect((await call({ all: true })).address).toHaveLength(2);
    expect((await call({ family: 6 })).address).toBe('2606:4700:4700::1111');
    expect(resolve).toHaveBeenCalledWith('feed.test');
  });

  it('refuses when any address is not public, naming host and address', async () => {
    const { call } = lookupOf([
      { address: '140.82.112.5', family: 4 },
      { address: '169.254.169.254', family: 4 },
    ]);
    const { error } = await call({ all: true });
    expect(error).toBeInstanceOf(AddressRefusedError);
    expect(error.message).toBe(
      'feed.test resolves to 169.254.169.254, which is not a public address (link-local); it is contacted only when its host is listed in containers.drift.allowedHosts or configured as an endpoint',
    );
  });

  it('refuses IPv6 forms of internal addresses', async () => {
    for (const address of ['::1', '::ffff:10.0.0.8', 'fd12::1', 'fe80::1']) {
      const { call } = lookupOf([{ address, family: 6 }]);
      expect((await call()).error).toBeInstanceOf(AddressRefusedError);
    }
  });

  it('lets any address through for a host listed explicitly (check off)', async () => {
    const { call } = lookupOf([{ address: '10.0.0.8', family: 4 }], false);
    expect(await call()).toEqual({
      error: null,
      address: '10.0.0.8',
      family: 4,
    });
  });

  it('says when the name has no address of the asked family', async () => {
    const { call } = lookupOf([{ address: '140.82.112.5', family: 4 }]);
    expect((await call({ family: 6 })).error).toMatchObject({
      code: 'ENOTFOUND',
    });
  });

  it('names an IP literal once, IPv6 in brackets', () => {
    expect(refusalFor('::ffff:7f00:1', '::ffff:7f00:1')?.message).toMatch(
      /^\[::ffff:7f00:1\] is not a public address \(loopback\);/,
    );
    expect(refusalFor('10.0.0.8', '10.0.0.8')?.message).toMatch(
      /^10\.0\.0\.8 is not a public address \(private\);/,
    );
    expect(refusalFor('8.8.8.8', '8.8.8.8')).toBeUndefined();
  });
});
