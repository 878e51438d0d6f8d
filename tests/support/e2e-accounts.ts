/** Accounts the end-to-end server creates on its throwaway database (never on a real one). */
export const E2E_ADMIN = { email: "admin@e2e.test", password: "admin password for e2e tests" };
export const E2E_EDITORS = [
  { email: "editor@e2e.test", password: "correct horse battery staple" },
  { email: "editor2@e2e.test", password: "correct horse battery staple" },
] as const;
