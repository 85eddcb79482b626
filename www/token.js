// Forgetting an access token that Graph rejected. A 401 means that the token expired, was
// revoked or belongs to another tenant or cloud, so the page clears it instead of sending it
// again, and shows what to do.

const CLEARED_MESSAGE = "Graph rejected the access token (HTTP 401), so the page cleared it. "
  + "Sign in again or paste a new token.";

/** Returns true when a GraphError, or a bulk result's error, is Graph rejecting the token. */
export function isTokenRejected(error) {
  return error?.status === 401;
}

/**
 * Empties the token field, the only place where the page's own code keeps the token (sign-in's
 * MSAL cache aside), and shows the notice until a new token is entered. The "input" event makes the preview, the catalog
 * button and the bulk tab read the empty field, as when the user clears it.
 */
export function forgetRejectedToken({ field, notice }) {
  field.value = "";
  // A token from sign-in makes the field read-only, which would block pasting a new one.
  field.readOnly = false;
  notice.textContent = CLEARED_MESSAGE;
  notice.hidden = false;
  field.dispatchEvent(new Event("input", { bubbles: true }));
}

/** Hides the notice once the field has a token again. */
export function setUpTokenNotice({ field, notice }) {
  field.addEventListener("input", () => {
    if (field.value !== "") {
      notice.hidden = true;
      notice.textContent = "";
    }
  });
}
