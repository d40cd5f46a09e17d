// What the HTTP server (server/app.ts) hands every loader and action besides the request.
declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The client's address as the socket saw it; used to rate-limit sign-in per address. */
    clientAddress: string;
    /** This response's Content-Security-Policy nonce (server/security.ts). */
    cspNonce?: string;
  }
}

export {};

// Single Fetch types: useLoaderData/useActionData unwrap `data()` and keep Dates, Maps, etc.
declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}
