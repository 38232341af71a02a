import '@testing-library/jest-dom';

// The console is not filtered. Two warnings still come from third-party code:
// - React 18.3's "findDOMNode is deprecated", once per test file that renders a Material UI v4
//   button, link, checkbox or tooltip: their focus-visible hook calls findDOMNode, and
//   Backstage's core-components (Link, LinkButton, the sidebar…) are built on them. It goes
//   away with @backstage/ui, not with anything these tests could do.
// - "[JSS] processedRuleToParse is not defined", where the new frontend system's test app lays
//   out its sidebar: jsdom's CSS parser (@acemir/cssom) throws on every rule inserted into an
//   @media block, and JSS reports it.
