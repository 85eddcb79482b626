// Scans the page's sources for every way text can become markup or code: HTML-parsing DOM
// APIs, document.write, string code and inline event handlers. The page puts all text in with
// textContent or text nodes, so none of these may appear. The DOM APIs are not allowed even in
// a comment, so that a search for them finds nothing.
import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const www = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../www");

// Each pattern with what it finds. Comments may name an attribute or a URL scheme as an example
// of text that must stay text, so handlers and javascript: URLs are looked for only where
// script would set or quote them.
const SCRIPT_PATTERNS = [
  [/\binnerHTML\b/, "innerHTML"],
  [/\bouterHTML\b/, "outerHTML"],
  [/\binsertAdjacentHTML\b/, "insertAdjacentHTML"],
  [/\bdocument\s*\.\s*write(ln)?\b/, "document.write"],
  [/\bcreateContextualFragment\b/, "Range.createContextualFragment"],
  [/\bparseFromString\b/, "DOMParser.parseFromString"],
  [/\bsetHTMLUnsafe\b|\bparseHTMLUnsafe\b/, "setHTMLUnsafe"],
  [/\bsrcdoc\b/, "iframe srcdoc"],
  [/\beval\s*\(/, "eval"],
  [/\bnew\s+Function\s*\(/, "new Function"],
  [/\bset(Timeout|Interval)\s*\(\s*["'`]/, "a timer with code in a string"],
  [/setAttribute\(\s*["'`]on/i, "an on* attribute set from script"],
  [/\.\s*on[a-z]+\s*=(?!=)/, "an on* handler property"],
  [/["'`]\s*javascript:/i, "a javascript: URL", { codeOnly: true }],
];

const HTML_PATTERNS = [
  [/<[a-z][^>]*\son[a-z]+\s*=/i, "an inline on* handler"],
  [/\bjavascript:/i, "a javascript: URL"],
  [/<script\b(?![^>]*\bsrc=)[^>]*>/i, "an inline script"],
  [/\bsrcdoc\b/, "iframe srcdoc"],
];

async function sources(extension) {
  const names = (await readdir(www)).filter((name) => name.endsWith(extension)).sort();
  return Promise.all(
    names.map(async (name) => ({ name, text: await readFile(path.join(www, name), "utf8") })),
  );
}

const COMMENT_LINE = /^\s*(\/\/|\/\*|\*)/;

// Returns "file:line: what" for every line of `text` that a pattern matches. A pattern marked
// codeOnly skips comment lines.
function findings(name, text, patterns) {
  const found = [];
  text.split("\n").forEach((line, index) => {
    for (const [pattern, what, { codeOnly = false } = {}] of patterns) {
      if (codeOnly && COMMENT_LINE.test(line)) continue;
      if (pattern.test(line)) found.push(`${name}:${index + 1}: ${what}: ${line.trim()}`);
    }
  });
  return found;
}

test("scripts use no markup APIs", async () => {
  const files = await sources(".js");
  assert.ok(files.length >= 10, `only ${files.length} scripts found in ${www}`);
  assert.deepEqual(files.flatMap(({ name, text }) => findings(name, text, SCRIPT_PATTERNS)), []);
});

test("pages have no inline handlers", async () => {
  const files = await sources(".html");
  assert.ok(files.some(({ name }) => name === "index.html"));
  assert.deepEqual(files.flatMap(({ name, text }) => findings(name, text, HTML_PATTERNS)), []);
});

test("scan finds each pattern", () => {
  // Each line below must be found, so that a pattern that matches nothing fails here.
  const scripts = [
    "list.innerHTML = text;",
    "cell.outerHTML = text;",
    'row.insertAdjacentHTML("beforeend", text);',
    "document.write(text);",
    "range.createContextualFragment(text);",
    'new DOMParser().parseFromString(text, "text/html");',
    "element.setHTMLUnsafe(text);",
    "frame.srcdoc = text;",
    "eval(text);",
    "new Function(text);",
    'setTimeout("run()", 0);',
    'button.setAttribute("onclick", text);',
    "image.onerror = () => {};",
    'link.href = "javascript:run()";',
  ];
  scripts.forEach((line, index) => {
    assert.equal(findings("x.js", line, SCRIPT_PATTERNS).length, 1, line);
    assert.equal(SCRIPT_PATTERNS[index][0].test(line), true, line);
  });
  for (const line of ['<img src="x" onerror="run()">', '<a href="javascript:run()">', "<script>run()</script>", '<iframe srcdoc="x">']) {
    assert.equal(findings("x.html", line, HTML_PATTERNS).length, 1, line);
  }
  assert.deepEqual(findings("x.js", 'element.addEventListener("click", run);', SCRIPT_PATTERNS), []);
  assert.deepEqual(findings("x.js", "// never a `javascript:` href", SCRIPT_PATTERNS), []);
  assert.deepEqual(findings("x.html", '<script type="module" src="app.js"></script>', HTML_PATTERNS), []);
});
