// Turning a pasted access package, such as one copied from a Graph GET, into form values.

import { createElement } from "./dom.js";
import { normalizePath } from "./fields.js";
import { createProblemElement } from "./problems.js";

/** Properties that only the beta API's access package has. */
const BETA_ONLY_PROPERTIES = ["isRoleScopesVisible", "createdBy", "modifiedBy", "accessPackageCatalog"];

/** Parses pasted text. Returns `{ value }`, or `{ message }` when the text is not JSON. */
export function parsePackageJson(text) {
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    return { message: `The pasted text is not valid JSON: ${error.message}` };
  }
}

/** Returns true for a JSON object, as opposed to an array, a string, a number or null. */
export function isJsonObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Returns the API version that the package's properties belong to: "beta" when it has a
 * beta-only property, "v1.0" when it has v1.0's `catalog`, otherwise undefined. `catalogId`
 * alone decides nothing, because the library accepts it as input for both versions.
 */
export function inferApiVersion(value) {
  if (BETA_ONLY_PROPERTIES.some((name) => Object.hasOwn(value, name))) {
    return "beta";
  }
  if (Object.hasOwn(value, "catalog")) {
    return "v1.0";
  }
  return undefined;
}

/**
 * Picks the form's values out of a package. Text that is not a string is shown as its JSON,
 * and a boolean field is checked for `true` and `"true"`, the two values that the library
 * reads as true.
 */
export function formValuesFromPackage(value) {
  return {
    displayName: textOf(value.displayName),
    description: textOf(value.description),
    catalogId: textOf(value.catalogId ?? value.catalog?.id ?? value.accessPackageCatalog?.id),
    isHidden: isTrue(value.isHidden),
    isRoleScopesVisible: isTrue(value.isRoleScopesVisible),
  };
}

function textOf(value) {
  if (value === undefined || value === null) {
    return "";
  }
  return typeof value === "string" ? value : JSON.stringify(value);
}

function isTrue(value) {
  return value === true || value === "true";
}

/**
 * Returns the problems of the pasted JSON that the filled form does not show again, such as
 * read-only fields that the form leaves out. Problems are the same when their control's path
 * and their code are.
 */
export function problemsOnlyInJson(jsonProblems, formProblems) {
  const key = (problem) => `${normalizePath(problem.path)}\u0000${problem.code}`;
  const inForm = new Set(formProblems.map(key));
  return jsonProblems.filter((problem) => !inForm.has(key(problem)));
}

/** Shows what filling from JSON did (`summaryText`, may be empty) and the JSON's own problems. */
export function showJsonProblems(container, problems, summaryText) {
  const children = [];
  if (summaryText !== "") {
    children.push(createElement("p", { text: summaryText }));
  }
  if (problems.length > 0) {
    children.push(createElement("p", { text: "About the pasted JSON:" }));
    children.push(...problems.map(createProblemElement));
  }
  container.replaceChildren(...children);
}
