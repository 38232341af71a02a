import {
  ContainerVersionSpec,
  UpstreamRef,
  VersionParseMemo,
} from '@dockyard/plugin-containers-common';
import { UpstreamListing, UpstreamSource } from './sources/types';

/**
 * One upstream feed of a drift run: fetched once for every version that reads it (main
 * versions, companions, base image tags).
 */
export interface Feed {
  ref: UpstreamRef;
  source: UpstreamSource;
  /** The version block the feed is listed for (the first that named it). */
  spec: ContainerVersionSpec;
  /** Tags already read, shared by everything compared with this feed. */
  memo: VersionParseMemo;
  listing?: UpstreamListing;
  failure?: string;
}
