/** The admin token the browser suite's server is started with (a test-only credential). */
export const E2E_ADMIN_TOKEN = 'e2e-admin-token-0123456789abcdef';
