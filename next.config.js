/** @type {import('next').NextConfig} */
const nextConfig = {
  // pg and the Prisma driver adapter stay plain Node modules on the server (not bundled).
  // mjml (and its juice/cheerio/html-minifier chain) loads parts of itself at run time: not bundled either.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "bcryptjs", "mjml", "html-to-text"],
  // forbidden() + app/forbidden.tsx for users whose role is too low.
  experimental: { authInterrupts: true },
  poweredByHeader: false,
};

export default nextConfig;
