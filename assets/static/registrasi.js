// assets/static/registrasi.js — progressive enhancement of the Registrasi Pemohon wizard
// (SPEC 4.1).  The wizard works without it: every step is a server-rendered form and the
// region cascade fills its lists by round trips ("Pilih").  With it:
//   - inputs with data-max get a length counter "12 / 100" (the hint states the limit too);
//   - choosing a provinsi, kabupaten or kecamatan loads the next list from
//     /api/v1/wilayah?parent=CODE at once, clears the lists below, and hides "Pilih";
//   - a region list too long to scroll (more than SEARCH_FROM options) gets a search box
//     that narrows its options as one types; shorter lists are one control, the select,
//     whose own type-ahead finds a name.
(function () {
  'use strict';
  var form = document.querySelector('form.reg-form');
  if (!form) return;
  var en = document.documentElement.lang === 'en';

  // After a refused submit, start at the error summary, whose links lead to the fields.
  var summary = document.getElementById('ringkasan');
  if (summary) {
    summary.setAttribute('tabindex', '-1');
    summary.focus();
  }

  // Length counters: code points, as the server counts them.
  form.querySelectorAll('input[data-max]').forEach(function (input) {
    var counter = document.createElement('p');
    counter.className = 'counter';
    counter.setAttribute('aria-hidden', 'true');
    var update = function () {
      counter.textContent = Array.from(input.value).length + ' / ' + input.getAttribute('data-max');
    };
    input.insertAdjacentElement('afterend', counter);
    input.addEventListener('input', update);
    update();
  });

  // "Proses Registrasi" follows the typing, by the server's rule: the share of required
  // fields (the scan included) that have a value, this step's counted from the form.
  var pct = document.getElementById('reg-pct');
  var bar = document.querySelector('progress.reg-bar');
  if (pct && pct.hasAttribute('data-required')) {
    var required = Number(pct.getAttribute('data-required'));
    var elsewhere = Number(pct.getAttribute('data-elsewhere'));
    var progress = function () {
      var here = 0;
      form.querySelectorAll('[required]').forEach(function (el) {
        if (el.type === 'file') {
          if ((el.files && el.files.length) || (el.closest('.field') && el.closest('.field').querySelector('.kept'))) here++;
        } else if (el.value.trim()) here++;
      });
      var n = required ? Math.floor((elsewhere + here) * 100 / required) : 0;
      pct.querySelector('.reg-pct-n').textContent = String(n);
      if (bar) { bar.value = n; bar.textContent = n + '%'; }
    };
    form.addEventListener('input', progress);
    form.addEventListener('change', progress);
    progress();
  }

  var regions = form.querySelectorAll('select[data-level]');
  if (!regions.length || !window.fetch) return;
  var status = document.createElement('p');
  status.className = 'sr-only';
  status.setAttribute('aria-live', 'polite');
  form.appendChild(status);

  var SEARCH_FROM = 50;
  // Each list remembers all its options, so the search box can narrow and widen it.
  var lists = {};
  regions.forEach(function (select) {
    var first = select.options[0];
    var list = lists[select.id] = {
      select: select,
      placeholder: first && first.value === '' ? first.text : '',
      all: [],
      search: null,
    };
    Array.prototype.forEach.call(select.options, function (o) {
      if (o.value) list.all.push([o.value, o.text]);
    });
    var label = form.querySelector('label[for="' + select.id + '"]');
    var name = label ? label.firstChild.textContent.trim() : select.id;
    var search = document.createElement('input');
    search.type = 'search';
    search.id = 'cari-' + select.id;
    search.className = 'wsearch';
    search.autocomplete = 'off';
    var searchLabel = document.createElement('label');
    searchLabel.htmlFor = search.id;
    searchLabel.className = 'wsearch-label';
    searchLabel.textContent = (en ? 'Search ' : 'Cari ') + name;
    var row = select.parentNode;
    row.parentNode.insertBefore(searchLabel, row);
    row.parentNode.insertBefore(search, row);
    list.search = search;
    list.searchLabel = searchLabel;
    searchable(list);
    search.addEventListener('input', function () { fill(list, search.value); });
    var pick = row.querySelector('button.pick');
    if (pick) pick.hidden = true;
    select.addEventListener('change', function () { chosen(list); });
  });

  // Only a long list shows its search box.
  function searchable(list) {
    var on = list.all.length > SEARCH_FROM;
    list.search.hidden = list.searchLabel.hidden = !on;
    if (!on) list.search.value = '';
  }

  // Rebuilds a select's options from list.all, keeping the chosen value.
  function fill(list, query) {
    var q = (query || '').trim().toLowerCase();
    var keep = list.select.value;
    var frag = document.createDocumentFragment();
    frag.appendChild(new Option(list.placeholder, ''));
    var shown = 0;
    list.all.forEach(function (item) {
      if (q && item[1].toLowerCase().indexOf(q) < 0 && item[0] !== keep) return;
      frag.appendChild(new Option(item[1], item[0], false, item[0] === keep));
      shown++;
    });
    list.select.textContent = '';
    list.select.appendChild(frag);
    if (q) status.textContent = shown + (en ? ' matches' : ' pilihan cocok');
  }

  function clearBelow(list) {
    var child = list.select.getAttribute('data-child');
    while (child && lists[child]) {
      lists[child].all = [];
      lists[child].select.value = '';
      if (lists[child].search) searchable(lists[child]);
      fill(lists[child], '');
      child = lists[child].select.getAttribute('data-child');
    }
  }

  function chosen(list) {
    clearBelow(list);
    var childId = list.select.getAttribute('data-child');
    var code = list.select.value;
    if (!childId || !lists[childId] || !code) return;
    var child = lists[childId];
    fetch('/api/v1/wilayah?parent=' + encodeURIComponent(code), { headers: { Accept: 'application/json' } })
      .then(function (res) { if (!res.ok) throw new Error(res.status); return res.json(); })
      .then(function (json) {
        if (list.select.value !== code) return;   // changed again meanwhile
        child.all = json.data.map(function (w) { return [w.code, w.name]; });
        searchable(child);
        fill(child, '');
        status.textContent = child.all.length + ' ' + (child.placeholder || childId);
      })
      .catch(function () {
        // Fall back to the round trip the page works with anyway.
        form.querySelectorAll('button.pick').forEach(function (b) { b.hidden = false; });
      });
  }
})();
