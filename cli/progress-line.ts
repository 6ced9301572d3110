export interface ProgressLine {
  update(p: { phase: string; percent: number; rowsRead?: number }): void;
  done(): void;
}

const WIDTH = 24;

/**
 * Progress on stderr: one line redrawn in place on a terminal; otherwise a line per phase and
 * every 10 %, so logs stay short.
 */
export function createProgressLine(opts: { label: string; stream?: NodeJS.WriteStream }): ProgressLine {
  const stream = opts.stream ?? process.stderr;
  const tty = stream.isTTY === true;
  let lastPhase = "";
  let lastDecile = -1;
  let drawn = false;

  return {
    update({ phase, percent, rowsRead }) {
      const pct = Math.max(0, Math.min(100, Math.floor(percent)));
      const rows = rowsRead === undefined ? "" : `  ${rowsRead.toLocaleString("en-GB")} rows`;
      if (tty) {
        const filled = Math.round((pct / 100) * WIDTH);
        const bar = `[${"#".repeat(filled)}${".".repeat(WIDTH - filled)}]`;
        stream.write(`\r\x1b[2K${opts.label} ${bar} ${String(pct).padStart(3)}%  ${phase}${rows}`);
        drawn = true;
        return;
      }
      const decile = Math.floor(pct / 10);
      if (phase === lastPhase && decile === lastDecile) return;
      lastPhase = phase;
      lastDecile = decile;
      stream.write(`${opts.label}: ${String(pct).padStart(3)}% ${phase}${rows}\n`);
    },
    done() {
      if (tty && drawn) stream.write("\n");
    },
  };
}
