import {
  isKnownThirdPartyWarning,
  KNOWN_THIRD_PARTY_WARNINGS,
} from './consoleGuard';

const muiStack =
  'Error\n    at printWarning (node_modules/react-dom/cjs/react-dom.development.js:86:30)\n' +
  '    at node_modules/@material-ui/core/utils/useIsFocusVisible.js:151:25';

describe('isKnownThirdPartyWarning', () => {
  it("lets through React's findDOMNode deprecation when Material UI v4 raised it", () => {
    expect(
      isKnownThirdPartyWarning(
        ['Warning: findDOMNode is deprecated and will be removed in the next major release.'],
        muiStack,
      ),
    ).toBe(true);
  });

  it('keeps the same text from our own code a failure', () => {
    expect(
      isKnownThirdPartyWarning(
        ['Warning: findDOMNode is deprecated'],
        'Error\n    at plugins/containers/src/components/Thing.tsx:3:1',
      ),
    ).toBe(false);
  });

  it('keeps other warnings from the same package a failure', () => {
    expect(
      isKnownThirdPartyWarning(
        ['Warning: An update to %s inside a test was not wrapped in act(...).', 'DriftCard'],
        muiStack,
      ),
    ).toBe(false);
  });

  it('matches the JSS report of the jsdom CSS parser bug only from jss', () => {
    const text = 'Warning: [JSS] processedRuleToParse is not defined';
    expect(
      isKnownThirdPartyWarning([text], 'at node_modules/jss/dist/jss.cjs.js:1:1'),
    ).toBe(true);
    expect(isKnownThirdPartyWarning([text], 'at src/x.ts:1:1')).toBe(false);
  });

  it('gives every known warning its reason', () => {
    for (const warning of KNOWN_THIRD_PARTY_WARNINGS) {
      expect(warning.reason.length).toBeGreaterThan(40);
    }
  });
});
