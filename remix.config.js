/**
 * Remix classic compiler. Four of the v3 future flags it warns about are on; v3_routeConfig is Vite-only and stays
 * off, and so does v3_lazyRouteDiscovery: every page carries the whole route manifest instead of matching its path's
 * parents against every route on each server render (decision 0074).
 */
/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.*"],
  serverModuleFormat: "esm",
  serverPlatform: "node",
  serverDependenciesToBundle: [],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: false,
    v3_singleFetch: true,
  },
};
