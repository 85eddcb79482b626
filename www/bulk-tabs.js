// Tabs that switch between the single and the bulk create panels, keyboard-operable as the
// WAI-ARIA Authoring Practices tabs pattern describes, with activation on focus.

/**
 * Connects the `role="tab"` buttons of `tablist` to the panels named by their `aria-controls`.
 * A click selects a tab. ArrowLeft, ArrowRight, Home and End move the focus to another tab and
 * select it. Only the selected tab is in the tab order, so Tab moves on to its panel.
 * `onSelect(tab)` runs after each change. Returns a function that selects a tab by its id.
 */
export function setUpTabs(tablist, onSelect = () => {}) {
  const tabs = [...tablist.querySelectorAll('[role="tab"]')];

  function select(tab) {
    for (const other of tabs) {
      const selected = other === tab;
      other.setAttribute("aria-selected", String(selected));
      other.tabIndex = selected ? 0 : -1;
      document.getElementById(other.getAttribute("aria-controls")).hidden = !selected;
    }
    onSelect(tab);
  }

  function onKeyDown(event) {
    const index = tabs.indexOf(event.currentTarget);
    const targets = {
      ArrowLeft: (index - 1 + tabs.length) % tabs.length,
      ArrowRight: (index + 1) % tabs.length,
      Home: 0,
      End: tabs.length - 1,
    };
    const target = targets[event.key];
    if (target === undefined) {
      return;
    }
    event.preventDefault();
    tabs[target].focus();
    select(tabs[target]);
  }

  for (const tab of tabs) {
    tab.addEventListener("click", () => select(tab));
    tab.addEventListener("keydown", onKeyDown);
  }
  return (id) => select(tabs.find((tab) => tab.id === id));
}
