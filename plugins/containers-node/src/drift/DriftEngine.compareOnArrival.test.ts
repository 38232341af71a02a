import { ConfigReader } from '@backstage/config';
import { UpstreamVersion } from '@dockyard/plugin-containers-common';
import { readDriftConfig } from './config';
import { DriftEngine } from './DriftEngine';
import { UpstreamSource } from './sources/types';

describe('DriftEngine', () => {
  it('compares the versions of a feed as soon as it is in, while a slower feed is still being read', async () => {
    let fastRead: () => void = () => {};
    const fastCompared = new Promise<void>(resolve => {
      fastRead = resolve;
    });
    // Tags that say when the engine reads them, that is, compares them.
    const watched = (tags: string[], onRead: () => void): UpstreamVersion[] =>
      tags.map(tag => ({
        get tag() {
          onRead();
          return tag;
        },
      }));
    let comparedBeforeSlowAnswered: boolean | undefined;
    const source: UpstreamSource = {
      describe: spec => ({
        key: spec.source!.repo!,
        label: spec.source!.repo!,
      }),
      async list(spec) {
        if (spec.source!.repo === 'fast/one') {
          return { versions: watched(['2.0.0', '2.1.0'], fastRead) };
        }
        // The slow feed answers once the fast one was compared, or gives up waiting.
        let timer: NodeJS.Timeout | undefined;
        comparedBeforeSlowAnswered = await Promise.race([
          fastCompared.then(() => true),
          new Promise<boolean>(resolve => {
            timer = setTimeout(() => resolve(false), 2000);
          }),
        ]);
        clearTimeout(timer);
        return { versions: [{ tag: '1.0.0' }, { tag: '1.1.0' }] };
      },
    };
    const engine = new DriftEngine({
      config: readDriftConfig(new ConfigReader({})),
      sources: { 'github-release': source },
    });

    const [result] = await engine.check([
      {
        slug: 'spark',
        version: {
          strategy: 'github-release',
          current: '2.0.0',
          source: { repo: 'fast/one' },
          companions: [
            {
              name: 'iceberg',
              strategy: 'github-release',
              current: '1.0.0',
              source: { repo: 'slow/one' },
            },
          ],
        },
      },
    ]);

    expect(comparedBeforeSlowAnswered).toBe(true);
    expect(result).toMatchObject({
      status: 'behind',
      latest: '2.1.0',
      companions: [{ name: 'iceberg', status: 'behind', latest: '1.1.0' }],
    });
  });
});
