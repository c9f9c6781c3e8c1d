// assets/static/simulasi.js — Simulasi Tarif totals that follow the typing (SPEC 4.14).
// The page works without it: the form is a GET and "Hitung" asks the server.  With it,
// each change asks the server for the same page (the one computation, so the total is
// exactly what the office assesses) and swaps in its result and the fields' messages.
(function () {
  'use strict';
  var form = document.getElementById('simulasi');
  if (!form || !window.fetch || !window.DOMParser) return;
  var timer = null, seq = 0;

  function swap(doc, id) {
    var fresh = doc.getElementById(id), old = document.getElementById(id);
    if (fresh && old) old.replaceWith(fresh);
  }

  function refresh() {
    var mine = ++seq;
    var query = new URLSearchParams(new FormData(form)).toString();
    fetch(form.action + '?' + query, { credentials: 'same-origin' })
      .then(function (res) { return res.text(); })
      .then(function (html) {
        if (mine !== seq) return;          // a newer request is on its way
        var doc = new DOMParser().parseFromString(html, 'text/html');
        swap(doc, 'hasil-isi');
        // Messages beside the fields, without touching the control being typed in.
        form.querySelectorAll('fieldset.tarif-item').forEach(function (fs) {
          var fresh = doc.getElementById(fs.id);
          var oldErr = fs.querySelector('.err'), newErr = fresh && fresh.querySelector('.err');
          if (oldErr) oldErr.remove();
          if (newErr) fs.querySelector('legend').after(newErr);
          fs.querySelectorAll('input,select').forEach(function (el) {
            if (newErr) el.setAttribute('aria-invalid', 'true'); else el.removeAttribute('aria-invalid');
          });
        });
        if (window.history && history.replaceState) history.replaceState(null, '', form.action + '?' + query);
      })
      .catch(function () { /* offline: the Hitung button still works */ });
  }

  form.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(refresh, 250);
  });
  form.addEventListener('change', function () {
    clearTimeout(timer);
    refresh();
  });
})();
