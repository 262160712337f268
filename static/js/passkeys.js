// Passkeys and hardware keys (WebAuthn): the browser's part of adding one ("Add a passkey") and of giving it as the
// second factor. The server's part is accounts/passkeys_views.py. The page holds the button hidden, and a note that
// the browser must run scripts; this script swaps them, or says that the browser cannot use passkeys. Without it the
// authenticator app works as before.
(() => {
  "use strict";

  function toBase64url(buffer) {
    let text = "";
    for (const byte of new Uint8Array(buffer)) text += String.fromCharCode(byte);
    return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function fromBase64url(value) {
    const base64 = value.replace(/-/g, "+").replace(/_/g, "/");
    const text = atob(base64.padEnd(base64.length + ((4 - (base64.length % 4)) % 4), "="));
    return Uint8Array.from(text, (character) => character.charCodeAt(0)).buffer;
  }

  function descriptors(list) {
    return (list || []).map((item) => ({ ...item, id: fromBase64url(item.id) }));
  }

  function creationOptions(options) {
    return {
      ...options,
      challenge: fromBase64url(options.challenge),
      user: { ...options.user, id: fromBase64url(options.user.id) },
      excludeCredentials: descriptors(options.excludeCredentials),
    };
  }

  function requestOptions(options) {
    return {
      ...options,
      challenge: fromBase64url(options.challenge),
      allowCredentials: descriptors(options.allowCredentials),
    };
  }

  // The credential as JSON, in the form py_webauthn reads (WebAuthn Level 3's toJSON()).
  function credentialJSON(credential) {
    const answer = credential.response;
    const response = { clientDataJSON: toBase64url(answer.clientDataJSON) };
    if (answer.attestationObject) {
      response.attestationObject = toBase64url(answer.attestationObject);
      response.transports = typeof answer.getTransports === "function" ? answer.getTransports() : [];
    } else {
      response.authenticatorData = toBase64url(answer.authenticatorData);
      response.signature = toBase64url(answer.signature);
      if (answer.userHandle) response.userHandle = toBase64url(answer.userHandle);
    }
    return {
      id: credential.id,
      rawId: toBase64url(credential.rawId),
      type: credential.type,
      response,
      clientExtensionResults: credential.getClientExtensionResults(),
      authenticatorAttachment: credential.authenticatorAttachment || undefined,
    };
  }

  async function post(url, csrfToken, body) {
    const headers = { "X-CSRFToken": csrfToken, Accept: "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const response = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const data = (response.headers.get("content-type") || "").includes("application/json") ? await response.json() : {};
    return { ok: response.ok, data };
  }

  function setUp(root) {
    const button = root.querySelector("[data-passkey-button]");
    const status = root.querySelector("[data-passkey-status]");
    const without = root.querySelector("[data-passkey-noscript]");
    if (!window.PublicKeyCredential || !navigator.credentials) {
      without.textContent = root.dataset.unsupported;
      return;
    }
    without.hidden = true;
    button.hidden = false;
    const registering = root.dataset.passkey === "register";
    const completeUrl = new URL(root.dataset.completeUrl, window.location.origin);
    if (root.dataset.next) completeUrl.searchParams.set("next", root.dataset.next);

    function say(message) {
      status.textContent = message;
      status.hidden = !message;
    }

    button.addEventListener("click", async () => {
      button.disabled = true;
      say(root.dataset.working);
      try {
        const begun = await post(root.dataset.beginUrl, root.dataset.csrfToken);
        if (!begun.ok) {
          say(begun.data.detail || root.dataset.failed);
          return;
        }
        let credential;
        try {
          credential = registering
            ? await navigator.credentials.create({ publicKey: creationOptions(begun.data) })
            : await navigator.credentials.get({ publicKey: requestOptions(begun.data) });
        } catch {
          // Cancelled, timed out, or no such key on this device: nothing reached the portal.
          say(root.dataset.cancelled);
          return;
        }
        const completed = await post(completeUrl.toString(), root.dataset.csrfToken, credentialJSON(credential));
        if (completed.ok && completed.data.redirect_url) {
          window.location.assign(completed.data.redirect_url);
          return;
        }
        say(completed.data.detail || root.dataset.failed);
      } catch {
        say(root.dataset.failed);
      } finally {
        button.disabled = false;
      }
    });
  }

  document.querySelectorAll("[data-passkey]").forEach(setUp);
})();
