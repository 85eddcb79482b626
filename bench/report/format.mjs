// Number formatting and Markdown tables for the report.

/** Formats a number with `digits` significant digits and thousands separators. */
export function significant(value, digits = 3) {
  const rounded = Number(value.toPrecision(digits));
  return rounded.toLocaleString("en-US", { maximumFractionDigits: 20 });
}

/** Formats a duration given in microseconds, in µs below 1 ms and in ms above. */
export function duration(us) {
  if (us === null || us === undefined) {
    return "–";
  }
  return us < 1000 ? `${significant(us)} µs` : `${significant(us / 1000)} ms`;
}

export function milliseconds(ms) {
  return `${significant(ms)} ms`;
}

export function ratio(value) {
  return value === null || value === undefined || !Number.isFinite(value)
    ? "–"
    : `${significant(value)}×`;
}

export function bytes(count) {
  return count.toLocaleString("en-US");
}

export function mebibytes(count) {
  return `${significant(count / 2 ** 20)} MiB`;
}

/** Renders a Markdown table; `align` holds "l" or "r" per column. */
export function table(headers, rows, align = headers.map(() => "l")) {
  const rule = align.map((side) => (side === "r" ? "---:" : "---"));
  return [headers, rule, ...rows].map((cells) => `| ${cells.join(" | ")} |`).join("\n");
}
