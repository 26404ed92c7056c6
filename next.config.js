/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The custom server (server/index.ts) owns the process; keep Next from bundling native/server-only modules.
  serverExternalPackages: ['better-sqlite3', 'ws'],
};

export default nextConfig;
