/** This network refuses Chromium's background calls home: every browser the suite starts keeps them off. */
export const QUIET_CHROMIUM_ARGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The admin token the browser suite's server is started with (a test-only credential). */
export const E2E_ADMIN_TOKEN = 'e2e-admin-token-0123456789abcdef';
