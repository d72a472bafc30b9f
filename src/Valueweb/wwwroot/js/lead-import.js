// Progressive enhancement: a running lead import's page follows the import without reloading (the bar, the percent and the
// counts), and loads the page again when the import ends, to show its outcome. Without script the page refreshes itself.
(function () {
  var section = document.querySelector('[data-import-progress]');
  if (!section || !window.fetch) return;
  var url = section.getAttribute('data-import-progress');
  var page = section.getAttribute('data-import-page');
  var bar = section.querySelector('progress');
  var count = new Intl.NumberFormat('en-US');

  function show(name, text) {
    var element = section.querySelector('[data-import="' + name + '"]');
    if (element && element.textContent !== text) element.textContent = text;
  }

  // As the server writes it: one decimal at most, "42.5 %", "100 %".
  function percent(value) {
    return String(Math.round(value * 10) / 10) + ' %';
  }

  function poll() {
    fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' })
      .then(function (response) {
        if (!response.ok) throw new Error('HTTP ' + response.status);
        return response.json();
      })
      .then(function (i) {
        if (i.state !== 'running') {
          window.location.assign(page);
          return;
        }
        if (bar) {
          bar.value = i.percent;
          bar.textContent = percent(i.percent);
        }
        show('percent', percent(i.percent));
        show('rows', count.format(i.rows));
        show('imported', count.format(i.imported));
        show('duplicates', count.format(i.duplicates));
        show('bad', count.format(i.bad));
        if (i.startedAt) show('status', 'Reading the file and storing its leads…');
        window.setTimeout(poll, 1000);
      })
      .catch(function () {
        window.setTimeout(poll, 5000);
      });
  }

  window.setTimeout(poll, 1000);
})();
