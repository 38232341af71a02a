/*
 * The manifest digest lookup is shared with the drift engine's base image check and lives with
 * the registry code in drift/sources/manifests.ts; bump keeps importing it from here.
 */
export {
  fetchManifestDigest,
  MANIFEST_ACCEPT,
  ManifestNotFoundError,
} from '../drift/sources/manifests';
