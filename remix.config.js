/**
 * Remix v2 classic compiler (see docs/decisions/001-remix-classic-compiler.md).
 * @type {import('@remix-run/dev').AppConfig}
 */
// STAGEWISE_BUILD_DIR lets parallel test runs build into separate folders (default: build/ and public/build/).
const buildDir = process.env.STAGEWISE_BUILD_DIR;

export default {
  ...(buildDir ? { serverBuildPath: `${buildDir}/index.js`, assetsBuildDirectory: `${buildDir}/public/build` } : {}),
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}"],
  serverModuleFormat: "esm",
  // Server-only code that must never reach the browser bundle.
  serverDependenciesToBundle: [],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    // Off on purpose: the whole route manifest is one cached file (ADR 041).
    v3_lazyRouteDiscovery: false,
    v3_singleFetch: true,
  },
};
