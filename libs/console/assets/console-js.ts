import { CONSOLE_PATHS } from '../console-paths.js';

/**
 * The console's one script, served at /assets/console.js (the CSP allows no inline
 * script). The pages work without it; with it the inbox grows as views arrive: on each
 * `view` event of /api/v1/events it fetches the server-rendered row of that notice (same
 * origin, already escaped by the server, with the page's filters: none when they leave it
 * out) and inserts it at the top, once, updating the count; and the
 * composer's markup tools appear: one replaces the summary's selected words with a
 * reference to the element chosen, the other tags them with the category chosen. Nothing
 * else: no framework, no eval, no markup made from event data.
 */
export const CONSOLE_JS = `// Accord console: the composer's markup tools.
(function () {
  'use strict';
  var tools = document.getElementById('markup-tools');
  var summary = document.getElementById('summary');
  var ref = document.getElementById('markup-ref');
  var category = document.getElementById('markup-category');
  if (!tools || !summary || !ref || !category) return;
  tools.hidden = false;

  // Replaces the selection with before + (inner, or the selection itself) + after, and leaves the caret after it,
  // or inside it when nothing was selected to tag.
  function replaceSelection(before, inner, after) {
    var start = summary.selectionStart;
    var end = summary.selectionEnd;
    var chosen = inner === null ? summary.value.slice(start, end) : inner;
    summary.value = summary.value.slice(0, start) + before + chosen + after + summary.value.slice(end);
    var caret = inner === null && chosen === '' ? start + before.length : start + before.length + chosen.length + after.length;
    summary.focus();
    summary.setSelectionRange(caret, caret);
  }

  document.getElementById('markup-insert-ref').addEventListener('click', function () {
    if (ref.value) replaceSelection('{{' + ref.value + '}}', '', '');
  });
  document.getElementById('markup-mark-span').addEventListener('click', function () {
    if (category.value) replaceSelection('{{' + category.value + ':', null, '}}');
  });
})();

// Accord console: the live inbox.
(function () {
  'use strict';
  var rows = document.getElementById('inbox-rows');
  if (!rows || !rows.dataset.live || typeof EventSource !== 'function' || typeof fetch !== 'function') return;
  var base = rows.dataset.live;
  var pending = new Set();

  function shown(noticeId) {
    for (var i = 0; i < rows.rows.length; i++) if (rows.rows[i].dataset.noticeId === noticeId) return true;
    return false;
  }

  function insert(noticeId, markup) {
    if (shown(noticeId)) return;
    var empty = rows.querySelector('tr[data-empty]');
    if (empty) empty.remove();
    rows.insertAdjacentHTML('afterbegin', markup);
  }

  var source = new EventSource(${JSON.stringify(CONSOLE_PATHS.events)});
  source.addEventListener('open', function () {
    document.body.dataset.live = 'open';
  });
  source.addEventListener('error', function () {
    document.body.dataset.live = source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting';
  });
  source.addEventListener('view', function (event) {
    var noticeId;
    try {
      noticeId = JSON.parse(event.data).noticeId;
    } catch (error) {
      return;
    }
    if (typeof noticeId !== 'string' || noticeId === '' || noticeId.length > 200) return;
    if (shown(noticeId) || pending.has(noticeId)) return;
    pending.add(noticeId);
    // The page's filters go along: a view they leave out is answered 204 and not shown.
    fetch(base + encodeURIComponent(noticeId) + window.location.search, { credentials: 'same-origin', redirect: 'error', headers: { accept: 'text/html' } })
      .then(function (response) {
        var type = response.headers.get('content-type') || '';
        if (response.status !== 200 || type.indexOf('text/html') !== 0) return null;
        return response.text().then(function (markup) {
          return { markup: markup, count: response.headers.get('x-inbox-count') };
        });
      })
      .then(function (answer) {
        if (!answer || !answer.markup) return;
        insert(noticeId, answer.markup);
        var count = document.getElementById('inbox-count');
        if (count && answer.count) count.textContent = decodeURIComponent(answer.count);
      })
      .catch(function () {})
      .finally(function () {
        pending.delete(noticeId);
      });
  });
})();
`;
