/** @type {import('next').NextConfig} */
const nextConfig = {
  // pg and the Prisma driver adapter stay plain Node modules on the server (not bundled).
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "bcryptjs"],
  // forbidden() + app/forbidden.tsx for users whose role is too low.
  experimental: { authInterrupts: true },
  poweredByHeader: false,
};

export default nextConfig;
