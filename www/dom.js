// DOM helpers. Text always goes in through textContent or text nodes, never as markup, so a
// display name such as `<img src=x onerror=alert(1)>` shows as the characters it contains.

/**
 * Creates an element with an optional class, text and attributes, followed by `children`
 * (elements or strings, which become text nodes).
 */
export function createElement(tagName, { className, text, attributes } = {}, children = []) {
  const element = document.createElement(tagName);
  if (className) {
    element.className = className;
  }
  if (text !== undefined) {
    element.textContent = text;
  }
  for (const [name, value] of Object.entries(attributes ?? {})) {
    element.setAttribute(name, value);
  }
  element.append(...children);
  return element;
}

/** Creates a `<dl>` from `[term, description]` pairs, skipping pairs without a description. */
export function createDescriptionList(pairs, className) {
  const list = createElement("dl", { className });
  for (const [term, description] of pairs) {
    if (description === undefined || description === "") {
      continue;
    }
    list.append(
      createElement("dt", { text: term }),
      createElement("dd", {}, [description]),
    );
  }
  return list;
}
