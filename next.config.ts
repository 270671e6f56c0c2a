import type { NextConfig } from 'next';
import path from 'node:path';
import {
  API_CONTENT_SECURITY_POLICY,
  baseSecurityHeaders,
} from './lib/security/content-security-policy';

const nextConfig: NextConfig = {
  // Native and WASM-backed server packages must be loaded by Node at run time, not bundled.
  serverExternalPackages: [
    'ioredis',
    'pg',
    '@electric-sql/pglite',
    'espeak-ng',
    '@google-cloud/text-to-speech',
    // Loaded as the tests load it, from node_modules, rather than bundled.
    '@google-cloud/storage',
    // The TTS client checks `instanceof ChannelCredentials` against its own grpc-js: a bundled copy
    // of our credentials fails that check ("Channel credentials must be a ChannelCredentials object").
    '@grpc/grpc-js',
    'prom-client',
  ],
  // `'use cache'` needs Cache Components. Every page still renders per request (app/layout.tsx reads
  // a cookie and sets `instant = false`); the cached parts are app/_components/cached-*.tsx.
  cacheComponents: true,
  // Off: with it on, every dynamic page render also runs a second, "runtime prefetch" render of
  // the page and embeds it in the response, which cost the lesson page over half its throughput
  // (bench:use-cache, README "'use cache' through lib/cache"). Links prefetch the cached render.
  partialPrefetching: false,
  // `'use cache'` entries live in lib/cache (L1 + Redis, tags as counters): see the README section
  // "'use cache' through lib/cache". The file only delegates; instrumentation.ts registers the handler.
  cacheHandlers: {
    default: path.resolve('lib/next-cache-handler/next-entry.mjs'),
    remote: path.resolve('lib/next-cache-handler/next-entry.mjs'),
  },
  poweredByHeader: false,
  // Pages get their CSP (with a per-request script nonce) from proxy.ts; everything else here.
  async headers() {
    return [
      {
        source: '/:path*',
        headers: baseSecurityHeaders({ production: process.env.NODE_ENV === 'production' }),
      },
      {
        source: '/api/:path*',
        headers: [{ key: 'Content-Security-Policy', value: API_CONTENT_SECURITY_POLICY }],
      },
    ];
  },
};

export default nextConfig;
