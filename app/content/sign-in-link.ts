// How long a sign-in link works: the pages say it, and the service enforces it (app/services/sign-in-link.server.ts).
export const SIGN_IN_LINK_VALID_MINUTES = 15;
