// The Content-Security-Policy of app pages: scripts and styles from Tailor itself (Next inlines its
// bootstrap, hence 'unsafe-inline'; React's development build needs eval), images from anywhere
// (email previews show the template's remote images), never framed by another site.
const csp = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${process.env.NODE_ENV === "development" ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src * data: blob:",
  "font-src 'self' data: https:",
  "connect-src 'self'",
  "frame-src 'self' blob: data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** @type {import('next').NextConfig} */
const nextConfig = {
  // pg and the Prisma driver adapter stay plain Node modules on the server (not bundled).
  // mjml (and its juice/cheerio/html-minifier chain) loads parts of itself at run time: not bundled either.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "bcryptjs", "mjml", "html-to-text"],
  // forbidden() + app/forbidden.tsx for users whose role is too low.
  experimental: { authInterrupts: true },
  poweredByHeader: false,
  // npm test runs tsc on its own just before the build: it sets this so the build does not check the
  // same types a second time (two minutes on two cores). npm start and npm run build still check.
  typescript: { ignoreBuildErrors: process.env.TAILOR_BUILD_SKIP_TYPECHECK === "1" },
  async headers() {
    return [
      // No page of Tailor may be framed (clickjacking): X-Frame-Options for older browsers, CSP for the others.
      { source: "/:path*", headers: [{ key: "X-Frame-Options", value: "DENY" }] },
      { source: "/((?!api/).*)", headers: [{ key: "Content-Security-Policy", value: csp }] },
    ];
  },
};

export default nextConfig;
