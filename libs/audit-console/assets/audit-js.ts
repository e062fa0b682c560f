/**
 * The auditor console's one script, served at /assets/audit.js (the CSP allows no inline
 * script). The pages work without it (a running verification's page then reloads itself);
 * with it the verify page follows the verification: it polls /verify/status (same origin),
 * moves the progress bar and the status line, and loads the page again once the outcome
 * is known. No eval, no markup from the answer: text and numbers only.
 */
export const AUDIT_JS = `// Accord auditor console: the verification's progress.
(function () {
  'use strict';
  var bar = document.getElementById('verify-progress');
  if (!bar || typeof fetch !== 'function') return;
  var url = bar.getAttribute('data-status');
  var line = document.getElementById('verify-status');
  if (typeof url !== 'string' || url.charAt(0) !== '/' || url.charAt(1) === '/') return;

  function poll() {
    fetch(url, { credentials: 'same-origin', redirect: 'error', headers: { accept: 'application/json' } })
      .then(function (response) {
        var type = response.headers.get('content-type') || '';
        if (response.status !== 200 || type.indexOf('application/json') !== 0) throw new Error('status ' + response.status);
        return response.json();
      })
      .then(function (status) {
        if (!status || status.state !== 'running') {
          window.location.reload();
          return;
        }
        var percent = Number(status.percent);
        if (percent >= 0 && percent <= 100) {
          bar.value = percent;
          bar.textContent = percent + '%';
        }
        if (line && typeof status.text === 'string') line.textContent = status.text;
        window.setTimeout(poll, 500);
      })
      .catch(function () {
        window.setTimeout(poll, 2000);
      });
  }
  window.setTimeout(poll, 250);
})();
`;
