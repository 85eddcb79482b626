// The progress of a bulk run: a <progress> bar, a line of counts, and a polite live region.
// The runner may report progress after every batch item, so the page keeps the latest report
// and writes it into the DOM at most once per RENDER_INTERVAL_MS. Only the start and the end of
// a run are written at once.

/** The shortest time between two DOM updates of the progress, in milliseconds. */
const RENDER_INTERVAL_MS = 100;

/**
 * The shortest time between two progress announcements to screen readers, in milliseconds. A
 * throttling wait that begins and the end of the run are announced at once.
 */
const ANNOUNCE_INTERVAL_MS = 10_000;

function plural(count, singular, pluralForm = `${singular}s`) {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** Returns the counts of a progress report as one line of text. */
export function describeProgress(progress) {
  const { done, total, created, exists, failed, invalid } = progress;
  const notSent = progress.notSent ?? 0;
  let text = `${done} of ${plural(total, "row")} done: ${created} created, ${exists} already existed, `
    + `${failed} failed, ${invalid} invalid`;
  if (notSent > 0) {
    text += `, ${notSent} not sent`;
  }
  text += ".";
  if (progress.waiting > 0) {
    text += ` ${plural(progress.waiting, "row")} waiting on throttling, next try in `
      + `${plural(progress.waitSeconds, "second")}.`;
  }
  return text;
}

/**
 * Shows a run's progress in `bar` (a <progress>), `text` (the visible counts) and
 * `announcement` (an aria-live="polite" element). Returns `{ start, report, finish }`:
 * `report(progress)` takes the runner's onProgress reports, and `finish(progress, text)`
 * writes the final counts at once, followed by `text`, and announces them.
 */
export function createProgressView({ bar, text, announcement }) {
  let latest;
  let timer;
  let renderedAt = 0;
  let announcedAt = 0;
  let wasWaiting = false;

  function render() {
    timer = undefined;
    renderedAt = performance.now();
    bar.max = Math.max(1, latest.total);
    bar.value = latest.done;
    text.textContent = describeProgress(latest);

    const waiting = latest.waiting > 0;
    const waitBegan = waiting && !wasWaiting;
    wasWaiting = waiting;
    if (waitBegan || renderedAt - announcedAt >= ANNOUNCE_INTERVAL_MS) {
      announcedAt = renderedAt;
      announcement.textContent = text.textContent;
    }
  }

  return {
    start(total, startText) {
      clearTimeout(timer);
      timer = undefined;
      latest = { done: 0, total, created: 0, exists: 0, failed: 0, invalid: 0, waiting: 0, waitSeconds: 0 };
      wasWaiting = false;
      render();
      announcedAt = renderedAt;
      text.textContent = startText;
      announcement.textContent = startText;
    },

    report(progress) {
      latest = progress;
      if (timer !== undefined) {
        return;
      }
      const sinceRender = performance.now() - renderedAt;
      timer = setTimeout(render, Math.max(0, RENDER_INTERVAL_MS - sinceRender));
    },

    finish(progress, finalText) {
      clearTimeout(timer);
      latest = progress;
      render();
      text.textContent = `${text.textContent} ${finalText}`;
      announcement.textContent = text.textContent;
    },
  };
}
