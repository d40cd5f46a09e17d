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

/** No Stagewise form comes near this: the largest, a full program, is tens of kilobytes. */
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Refuses an oversized request body before anything reads it (Remix's formData() would buffer all of it):
 * a declared Content-Length over the limit is 413, and a body without a declared length (chunked) is 411,
 * since browsers always declare one for a form. The connection is closed so the rest is never read.
 */
export function limitRequestBody(maxBytes = MAX_BODY_BYTES) {
  return (req: Request, res: Response, next: NextFunction) => {
    const declared = req.get("content-length");
    if (declared === undefined) {
      if (req.get("transfer-encoding")) return refuse(res, 411, "Send a Content-Length with the request body.");
      return next();
    }
    const length = Number(declared);
    if (!Number.isSafeInteger(length) || length < 0) return refuse(res, 400, "Bad Content-Length.");
    if (length > maxBytes) return refuse(res, 413, "The request body is too large.");
    next();
  };
}

function refuse(res: Response, status: number, message: string) {
  res.set("Connection", "close").status(status).type("text/plain").send(message);
}

/**
 * Paths whose pages, data requests and downloads carry patient data or one-time tokens: the two areas, the invite
 * page, sign-in links and unsubscribe links.
 */
const PATIENT_DATA_PATH = /^\/(clinic|me|invite|sign-in|unsubscribe)(\/|\.data|$)/;

/**
 * `Cache-Control: no-store` on every response with patient data (documents, Remix data requests, exports), so no
 * browser cache, shared computer's back button or proxy keeps a copy. Set when the headers are written, so no loader
 * can loosen it.
 */
export function noStorePatientData(req: Request, res: Response, next: NextFunction) {
  if (!PATIENT_DATA_PATH.test(req.path)) return next();
  const writeHead = res.writeHead;
  res.writeHead = function (this: Response, ...args: unknown[]) {
    this.setHeader("Cache-Control", "no-store");
    return (writeHead as (...a: unknown[]) => Response).apply(this, args);
  } as typeof res.writeHead;
  next();
}
