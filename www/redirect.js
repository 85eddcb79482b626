// The sign-in popup's landing page: passes the authorization response in this page's URL
// to the form's window over a BroadcastChannel, then closes the popup. Once this page is
// done, its URL no longer carries the response.

const status = document.getElementById("redirect-status");

async function finish() {
  const bridge = globalThis.msalRedirectBridge;
  if (bridge === undefined) {
    status.textContent = "MSAL's redirect bridge could not be loaded from /vendor/. "
      + "Close this window and sign in again.";
    return;
  }
  try {
    await bridge.broadcastResponseToMainFrame();
  } catch (error) {
    status.textContent = `Sign-in could not finish: ${error.errorMessage || error.message}. `
      + "Close this window and sign in again.";
  }
}

finish();
