/** Fixed security headers for every response; the per-request CSP and HSTS are set by proxy.ts (lib/security-headers.ts). */
const securityHeaders = [
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The custom server (server/index.ts) owns the process; keep Next from bundling native/server-only modules.
  serverExternalPackages: ['better-sqlite3', 'ws'],
  // `npm run typecheck` (run by CI) checks the whole project, tests and servers included; the build
  // only needs to compile what Next bundles.
  typescript: { ignoreBuildErrors: true },
  // Every response, static files included; pages get their per-request CSP and HSTS from proxy.ts. JSON API
  // answers never render anything, so their policy is fixed and forbids everything (proxy.ts skips /api/).
  async headers() {
    return [
      { source: '/:path*', headers: securityHeaders },
      { source: '/api/:path*', headers: [{ key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'" }] },
    ];
  },
};

export default nextConfig;
