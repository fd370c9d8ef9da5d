import path from "node:path";
import type { NextConfig } from "next";
import { withSerwist } from "@serwist/turbopack";
import createNextIntlPlugin from "next-intl/plugin";

const isProduction = process.env.NODE_ENV === "production";

const contentSecurityPolicy = (frameAncestors: string) =>
  [
    "default-src 'self'",
    // Next.js inlines its bootstrap scripts; dev mode also needs eval for fast refresh.
    `script-src 'self' 'unsafe-inline'${isProduction ? "" : " 'unsafe-eval'"}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    // The realtime host is runtime configuration (soketi or Pusher Channels), so any WebSocket origin is allowed.
    "connect-src 'self' ws: wss: https://*.pusher.com",
    "worker-src 'self'",
    "manifest-src 'self'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors}`,
    "object-src 'none'",
  ].join("; ");

const commonHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), publickey-credentials-get=(self)" },
  ...(isProduction ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }] : []),
];

// The console may never be framed.
const securityHeaders = [
  { key: "Content-Security-Policy", value: contentSecurityPolicy("'none'") },
  { key: "X-Frame-Options", value: "DENY" },
  ...commonHeaders,
];

// The chat widget page is embedded by customers' sites (widget.js): framing is allowed from the origins listed in
// WIDGET_FRAME_ANCESTORS (space-separated, e.g. "https://shop.example.com"), from any site when it is unset.
const widgetFrameAncestors = process.env.WIDGET_FRAME_ANCESTORS?.trim() || "*";
const widgetHeaders = [{ key: "Content-Security-Policy", value: contentSecurityPolicy(widgetFrameAncestors) }, ...commonHeaders];

/**
 * Hosts the development server serves its scripts to. Next 16 refuses its dev resources to any page whose host is not
 * `localhost`, so a console opened at http://127.0.0.1:3000 would load but never become interactive. The loopback
 * addresses, the configured public URL's host and any listed in DEV_ALLOWED_HOSTS (comma-separated, e.g. a LAN
 * address to try the console on a phone) are allowed.
 */
function devAllowedHosts(): string[] {
  const hosts = new Set(["localhost", "127.0.0.1", "[::1]"]);
  const publicUrl = process.env.AUTH_URL ?? process.env.NEXTAUTH_URL;
  if (publicUrl && URL.canParse(publicUrl)) hosts.add(new URL(publicUrl).hostname);
  for (const host of (process.env.DEV_ALLOWED_HOSTS ?? "").split(",")) if (host.trim()) hosts.add(host.trim());
  return [...hosts];
}

const config: NextConfig = {
  reactStrictMode: true,
  allowedDevOrigins: devAllowedHosts(),
  poweredByHeader: false,
  // the container image (deploy/Dockerfile) runs Next's standalone server: the build traces the workspace's files
  ...(process.env.NEXT_OUTPUT === "standalone" ? { output: "standalone" as const, outputFileTracingRoot: path.resolve(process.cwd(), "../..") } : {}),
  transpilePackages: ["@kefu/api", "@kefu/db", "@kefu/ui"],
  serverExternalPackages: [
    "prom-client",
    "@node-rs/argon2",
    "@node-rs/jieba",
    "mariadb",
    "pino",
    "pusher",
    "ioredis",
    "@prisma/adapter-mariadb",
    "web-push",
    "sharp",
  ],
  typedRoutes: false,
  headers: () =>
    Promise.resolve([
      // everything except /chat (and /chat/…) gets the console's headers
      { source: "/", headers: securityHeaders },
      { source: "/:path((?!chat(?:/|$)).*)", headers: securityHeaders },
      { source: "/chat", headers: widgetHeaders },
      { source: "/chat/:path*", headers: widgetHeaders },
      // The service worker (app/serwist, which also allows it the whole site as scope): a new build's worker is seen at once.
      { source: "/serwist/:path*", headers: [{ key: "Cache-Control", value: "no-cache" }] },
    ]),
};

// withSerwist keeps esbuild (which bundles the service worker during the build) out of the server bundle.
export default createNextIntlPlugin("./src/i18n/request.ts")(withSerwist(config));
