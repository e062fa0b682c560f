import type { FastifyHelmetOptions } from '@fastify/helmet';

/**
 * The security headers of both consoles (the node's and the auditor's): a Content
 * Security Policy with no inline script or style anywhere (each console's one script and
 * stylesheet are its own files), nothing from another origin, no framing.
 */
export function consoleHelmetOptions(options: { https: boolean; hsts: boolean; referrerPolicy?: 'same-origin' }): FastifyHelmetOptions {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(options.https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    frameguard: { action: 'deny' },
    ...(options.referrerPolicy ? { referrerPolicy: { policy: options.referrerPolicy } } : {}),
    hsts: options.hsts,
  };
}
