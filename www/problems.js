// Showing the library's problems beside the form controls and in the summary at the top.

import { createElement } from "./dom.js";
import { controlForPath, problemsElementOf } from "./fields.js";

const SEVERITY_LABELS = { error: "Error", warning: "Warning" };

function isError(problem) {
  return problem.severity === "error";
}

/** Creates the element for one problem: its severity in words, then the library's message. */
export function createProblemElement(problem) {
  const severity = problem.severity === "warning" ? "warning" : "error";
  return createElement("p", { className: `problem problem-${severity}` }, [
    createElement("span", { className: "problem-severity", text: `${SEVERITY_LABELS[severity]}: ` }),
    problem.message,
  ]);
}

/**
 * Lists each problem beside its control when `isShown(path)` is true, and marks controls with
 * errors `aria-invalid`. Returns the problems that belong to no control.
 */
export function showFieldProblems(form, problems, isShown) {
  const problemsByControl = new Map();
  const unplaced = [];
  for (const problem of problems) {
    const control = controlForPath(form, problem.path);
    if (control === null) {
      unplaced.push(problem);
      continue;
    }
    if (!problemsByControl.has(control)) {
      problemsByControl.set(control, []);
    }
    problemsByControl.get(control).push(problem);
  }

  for (const control of form.querySelectorAll("[data-path]")) {
    const shownProblems = isShown(control.dataset.path) ? (problemsByControl.get(control) ?? []) : [];
    problemsElementOf(control).replaceChildren(...shownProblems.map(createProblemElement));
    if (shownProblems.some(isError)) {
      control.setAttribute("aria-invalid", "true");
    } else {
      control.removeAttribute("aria-invalid");
    }
  }
  return unplaced;
}

/**
 * Fills the summary with the errors that stop the request, each linking to its control, and
 * counts the warnings. Empties it when there is no error.
 */
export function showSummary(summary, form, problems) {
  const errors = problems.filter(isError);
  const warningCount = problems.length - errors.length;
  if (errors.length === 0) {
    summary.replaceChildren();
    return;
  }

  const heading = errors.length === 1
    ? "Fix this problem before sending"
    : `Fix these ${errors.length} problems before sending`;
  const list = createElement("ul", {}, errors.map((problem) => createSummaryItem(form, problem)));
  summary.replaceChildren(
    createElement("h2", { text: heading, attributes: { id: "problem-summary-heading" } }),
    list,
  );
  if (warningCount > 0) {
    const text = warningCount === 1
      ? "The form also shows 1 warning, which does not stop the request."
      : `The form also shows ${warningCount} warnings, which do not stop the request.`;
    summary.append(createElement("p", { className: "hint", text }));
  }
}

function createSummaryItem(form, problem) {
  const control = controlForPath(form, problem.path);
  if (control === null) {
    return createElement("li", { text: problem.message });
  }

  // A click focuses the control without changing the URL's fragment or the history.
  const link = createElement("a", { text: problem.message, attributes: { href: `#${control.id}` } });
  link.addEventListener("click", (event) => {
    event.preventDefault();
    control.focus();
  });
  return createElement("li", {}, [link]);
}
