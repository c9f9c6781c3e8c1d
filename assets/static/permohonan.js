// assets/static/permohonan.js — progressive enhancement of Buat Permohonan Izin (SPEC 4.8).
// The steps work without it: every choice is a server round trip ("Pilih", "Simpan",
// "Berikutnya"), and on Persyaratan one "Unggah" sends the chosen file together with the
// rest of the form, so nothing typed is lost.  With it:
//   - on the first step, changing Jenis Permohonan, Instansi, Unit or Jenis Izin saves the
//     draft in the background and swaps in the refreshed step (filtered lists) without a
//     reload, keeping the focus on the control that changed;
//   - on Persyaratan, choosing a file uploads it at once with a progress bar; the row then
//     shows the file by name and is ticked Terpenuhi (the server ticks it too), which the
//     applicant may untick; picking a document from the list ticks it as well.
(function () {
  'use strict';
  var main = document.getElementById('isi');
  if (!main) return;
  var en = document.documentElement.lang === 'en';

  function init() {
    var form = document.getElementById('pm-form');
    var summary = document.getElementById('ringkasan');
    if (summary) {
      summary.setAttribute('tabindex', '-1');
      summary.focus();
    }
    if (!form) return;
    enhancePicks(form);
    enhanceUploads(form);
  }

  // ---- the cascade ------------------------------------------------------------------
  function enhancePicks(form) {
    if (!window.fetch || !window.DOMParser) return;
    form.querySelectorAll('button.pick').forEach(function (b) { b.hidden = true; });
    form.querySelectorAll('[data-pick]').forEach(function (control) {
      control.addEventListener('change', function () { refresh(form, control.id || control.name); });
    });
  }

  // What the applicant typed or ticked, by field name, so that a refreshed page keeps
  // what changed while the round trip was under way.
  function typed(form) {
    var v = {};
    form.querySelectorAll('input:not([type=hidden]):not([type=file]):not([readonly]), textarea').forEach(function (el) {
      if (el.type === 'radio') { if (el.checked) v[el.name] = el.value; }
      else if (el.type === 'checkbox') v[el.name] = el.checked;
      else v[el.name] = el.value;
    });
    return v;
  }
  function keepTyped(before, now, fresh) {
    Object.keys(now).forEach(function (name) {
      if (now[name] === before[name]) return;   // unchanged meanwhile: the server's value stands
      fresh.querySelectorAll('[name="' + name + '"]').forEach(function (el) {
        if (el.type === 'radio') el.checked = el.value === now[name];
        else if (el.type === 'checkbox') el.checked = now[name];
        else el.value = now[name];
      });
    });
  }

  function refresh(form, focusKey) {
    var sent = typed(form);
    var data = new FormData(form);
    data.set('aksi', 'pilih');
    main.setAttribute('aria-busy', 'true');
    fetch(form.action, { method: 'POST', body: new URLSearchParams(data), credentials: 'same-origin' })
      .then(function (res) {
        // The first save of a new application creates it: follow its address.
        if (res.redirected && window.history && history.replaceState) history.replaceState(null, '', res.url);
        return res.text();
      })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, 'text/html');
        var fresh = doc.getElementById('isi');
        if (!fresh) throw new Error('no page');
        var now = typed(form);
        main.innerHTML = fresh.innerHTML;
        var swapped = document.getElementById('pm-form');
        if (swapped) keepTyped(sent, now, swapped);
        main.removeAttribute('aria-busy');
        init();
        var again = document.getElementById(focusKey) || document.querySelector('[name="' + focusKey + '"]:checked');
        if (again) again.focus();
      })
      .catch(function () {
        // The round trip without JavaScript does the same.
        main.removeAttribute('aria-busy');
        var pick = form.querySelector('button.pick');
        if (pick && form.requestSubmit) form.requestSubmit(pick); else form.submit();
      });
  }

  // ---- one action per requirement -------------------------------------------------
  function enhanceUploads(form) {
    if (!window.XMLHttpRequest || !window.FormData) return;
    var csrf = form.querySelector('input[name=csrf]').value;
    form.querySelectorAll('li.syarat').forEach(function (row) {
      var input = row.querySelector('input[type=file][data-upload]');
      var unggah = row.querySelector('button[data-unggah]');
      var select = row.querySelector('select[data-dokumen]');
      var tick = row.querySelector('input[data-terpenuhi]');
      if (!input) return;
      if (unggah) unggah.hidden = true;
      input.addEventListener('change', function () {
        if (input.files && input.files.length) upload(row, input, select, tick, csrf);
      });
      if (select) select.addEventListener('change', function () {
        if (select.value) tick.checked = true;
        showFile(row, select.value ? select.options[select.selectedIndex].textContent : '');
      });
    });
  }

  function showFile(row, name) {
    var file = row.querySelector('.pm-file');
    if (!file) return;
    file.textContent = '';
    if (!name) {
      file.textContent = en ? 'No file yet.' : 'Belum ada berkas.';
      return;
    }
    file.appendChild(document.createTextNode(en ? 'File: ' : 'Berkas: '));
    var strong = document.createElement('strong');
    strong.textContent = name;
    file.appendChild(strong);
  }

  function upload(row, input, select, tick, csrf) {
    var status = row.querySelector('.pm-status');
    var bar = document.createElement('progress');
    bar.max = 100;
    bar.value = 0;
    bar.setAttribute('aria-label', en ? 'Upload progress' : 'Kemajuan unggahan');
    status.textContent = '';
    status.classList.remove('err');
    status.appendChild(bar);
    var body = new FormData();
    body.append('csrf', csrf);
    body.append('berkas', input.files[0]);
    var xhr = new XMLHttpRequest();
    xhr.open('POST', input.getAttribute('data-upload'));
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.addEventListener('progress', function (e) {
      if (e.lengthComputable) bar.value = Math.round(e.loaded * 100 / e.total);
    });
    function failed(text) {
      status.textContent = text;
      status.classList.add('err');
    }
    xhr.addEventListener('load', function () {
      var answer = null;
      try { answer = JSON.parse(xhr.responseText); } catch (e) { /* an error page */ }
      if (xhr.status === 200 && answer && answer.ok) {
        var option = document.createElement('option');
        option.value = String(answer.dokumen);
        option.textContent = row.querySelector('h3').firstChild.textContent.trim() + ' — ' + answer.label;
        select.appendChild(option);
        select.value = option.value;
        input.value = '';
        tick.checked = true;
        showFile(row, answer.label);
        status.textContent = (en ? 'Uploaded and ticked Terpenuhi: ' : 'Terunggah dan dicentang Terpenuhi: ') + answer.label;
      } else {
        failed(answer && answer.pesan ? answer.pesan
          : xhr.status === 413 ? (en ? 'The file is too large.' : 'Berkas terlalu besar.')
            : (en ? 'The upload failed.' : 'Unggahan gagal.'));
      }
    });
    xhr.addEventListener('error', function () { failed(en ? 'The upload failed.' : 'Unggahan gagal.'); });
    xhr.send(body);
  }

  init();
}());
