import { createContext, useContext, type ReactNode } from "react";

// The per-request CSP nonce, so Remix's inline scripts are allowed and nothing else inline is.
const NonceContext = createContext<string>("");

export function NonceProvider({ value, children }: { value: string; children: ReactNode }) {
  return <NonceContext.Provider value={value}>{children}</NonceContext.Provider>;
}

export function useNonce(): string {
  return useContext(NonceContext);
}
