import { readFileSync } from "node:fs";

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ: 100 on Linux). */
const ticksPerSecond = 100;

/**
 * CPU seconds used by the PostgreSQL backends serving a database, read from /proc (the bench's
 * server is local): `start()` notes the backends' CPU, `stop()` returns what they used since,
 * counting backends opened in between from zero. Null when /proc cannot be read (another host,
 * another container).
 */
export function postgresCpu(listBackends: () => Promise<number[]>): { start: () => Promise<void>; stop: () => Promise<number | null> } {
  let before = new Map<number, number>();
  let readable = true;
  const read = (pid: number): number | null => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // After the command name: state is field 3, utime field 14, stime field 15.
      return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
    } catch {
      return null;
    }
  };
  return {
    start: async () => {
      before = new Map();
      for (const pid of await listBackends()) {
        const cpu = read(pid);
        if (cpu === null) readable = false;
        else before.set(pid, cpu);
      }
    },
    stop: async () => {
      if (!readable) return null;
      let used = 0;
      for (const pid of await listBackends()) {
        const cpu = read(pid);
        if (cpu === null) continue; // a backend that ended meanwhile
        used += cpu - (before.get(pid) ?? 0);
      }
      return used;
    },
  };
}
