import { randomBytes } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import helmet from "helmet";

/** A fresh nonce per response for the Content-Security-Policy (Remix's inline scripts carry it). */
export function cspNonce(_req: Request, res: Response, next: NextFunction) {
  res.locals.cspNonce = randomBytes(16).toString("base64");
  next();
}

/**
 * Security headers via helmet: a strict CSP (scripts only from us or with this response's nonce, no framing,
 * forms post only to us), nosniff, a same-origin referrer policy, HSTS in production.
 * Inline style attributes are allowed: they can't run code, and a few layout tweaks use them.
 */
export function securityHeaders(isProduction: boolean) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": isProduction ? ["'self'"] : ["'self'", "ws:"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
      },
    },
    referrerPolicy: { policy: "same-origin" },
    strictTransportSecurity: isProduction ? { maxAge: 15552000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  });
}

/**
 * CSRF defence on top of SameSite=Lax cookies: a state-changing request must come from our own origin.
 * Browsers send Origin on every cross-site POST; a request whose Origin names another site is refused.
 */
export function sameOriginMutations(req: Request, res: Response, next: NextFunction) {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
  const origin = req.get("origin");
  if (!origin) return next(); // same-origin requests from older browsers and non-browser clients; cookies are SameSite
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    originHost = "";
  }
  const host = req.get("x-forwarded-host") ?? req.get("host");
  if (originHost && originHost === host) return next();
  res.status(403).type("text/plain").send("Cross-site request refused.");
}
