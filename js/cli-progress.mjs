// The progress of a run on the command line: on a terminal one line rewritten in place, and
// elsewhere, such as a pipe or a CI log, a plain line now and then.

/** The minimum time between two plain progress lines, in milliseconds. */
const PLAIN_INTERVAL_MS = 2_000;

/** Returns the progress line for runBulkCreate's counts, without a line break. */
export function formatProgress(progress) {
  const { done, total, created, exists, failed, invalid, notSent, waiting, waitSeconds } = progress;
  const parts = [`${created} created`, `${exists} exists`, `${failed} failed`];
  if (invalid > 0) parts.push(`${invalid} invalid`);
  if (notSent > 0) parts.push(`${notSent} not sent`);
  let line = `${done}/${total} rows done: ${parts.join(", ")}`;
  if (waiting > 0) {
    line += `; ${waiting} waiting after throttling or a lost response, next try in ${waitSeconds} s`;
  }
  return line;
}

/**
 * Creates the progress display on `stream`. With `isTTY`, `update(progress)` rewrites one line
 * in place, and counts down the wait each second while rows wait. Otherwise it writes a line
 * when the counts changed and at least `intervalMs` has passed since the last one, holding the
 * newest line until then. `finish()` writes what is held and ends the display, so that later
 * text starts on a line of its own. `now` returns the time in milliseconds.
 */
export function createProgressDisplay({
  stream,
  isTTY,
  intervalMs = PLAIN_INTERVAL_MS,
  now = Date.now,
  redact = (text) => text,
}) {
  let lastLine;
  let pending;
  let flushTimer;
  let lastWrittenAt = -Infinity;
  let countdown;
  let onScreen = false;

  function write(line) {
    lastLine = line;
    pending = undefined;
    clearTimeout(flushTimer);
    flushTimer = undefined;
    if (isTTY) {
      // \r returns to the line's start and ESC [K clears what a longer line left behind.
      stream.write(`\r${line}\x1b[K`);
      onScreen = true;
    } else {
      stream.write(`${line}\n`);
      lastWrittenAt = now();
    }
  }

  function show(progress) {
    const line = redact(formatProgress(progress));
    if (line === lastLine) return;
    if (isTTY || now() - lastWrittenAt >= intervalMs) {
      write(line);
      return;
    }
    pending = line;
    // The held line is written once the interval is over even when no update follows, as
    // while the run waits out a long Retry-After.
    if (flushTimer === undefined) {
      flushTimer = setTimeout(() => write(pending), lastWrittenAt + intervalMs - now());
      flushTimer.unref?.();
    }
  }

  function stopCountdown() {
    clearInterval(countdown);
    countdown = undefined;
  }

  return {
    update(progress) {
      stopCountdown();
      show(progress);
      if (!isTTY || progress.waiting === 0 || progress.waitSeconds === 0) return;
      const waitEndsAt = now() + progress.waitSeconds * 1000;
      countdown = setInterval(() => {
        const waitSeconds = Math.max(0, Math.ceil((waitEndsAt - now()) / 1000));
        show({ ...progress, waitSeconds });
        if (waitSeconds === 0) stopCountdown();
      }, 1000);
      countdown.unref?.();
    },

    finish() {
      stopCountdown();
      if (pending !== undefined) write(pending);
      if (onScreen) {
        stream.write("\n");
        onScreen = false;
      }
    },
  };
}
