// Says which service is not answering and how to start it, instead of a stack trace.
import net from "node:net";

const PG_START = "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start";
const REDIS_START = 'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no';

function reachable(url, defaultPort) {
  const u = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: u.hostname.replace(/^\[|\]$/g, ""), port: Number(u.port || defaultPort) });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2000, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/** Returns a list of problems (empty when both answer). */
export async function checkServices(env = process.env) {
  const dbUrl = env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/tailor";
  const redisUrl = env.REDIS_URL ?? "redis://127.0.0.1:6379";
  const problems = [];
  if (!(await reachable(dbUrl, 5432))) {
    const u = new URL(dbUrl);
    problems.push(`PostgreSQL is not answering at ${u.hostname}:${u.port || 5432} (DATABASE_URL).\n  Start it with: ${PG_START}`);
  }
  if (!(await reachable(redisUrl, 6379))) {
    const u = new URL(redisUrl);
    problems.push(`Redis is not answering at ${u.hostname}:${u.port || 6379} (REDIS_URL).\n  Start it with: ${REDIS_START}`);
  }
  return problems;
}
