/*
 * Preloaded (node --require) into @backstage/create-app by the adopter test: its one request off
 * the npm registry, the yarn.lock seed from GitHub, is refused here instead of leaving this
 * machine. create-app then warns and goes on; the test pins the app's versions itself.
 */
const loopback = new Set(['127.0.0.1', 'localhost', '[::1]']);
const originalFetch = globalThis.fetch;

globalThis.fetch = async (input, init) => {
  const url = new URL(
    typeof input === 'string' || input instanceof URL ? input : input.url,
  );
  if (!loopback.has(url.hostname)) {
    throw new Error(`refused by the adopter test: ${url.host} is not this machine`);
  }
  return originalFetch(input, init);
};
