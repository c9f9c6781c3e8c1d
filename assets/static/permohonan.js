// assets/static/permohonan.js — progressive enhancement of Buat Permohonan Izin (SPEC 4.8).
// The page works without it: every choice is a server round trip ("Pilih", "Simpan"),
// each requirement's file goes up with its own "Unggah" form, and Buat is enabled by the
// server once the saved draft is complete.  With it:
//   - changing Jenis Permohonan, Instansi, Unit, Jenis Izin or Tipe Pemohon saves the draft
//     in the background and swaps in the refreshed page (filtered lists, Data Teknis,
//     Persyaratan) without a reload, keeping the focus on the control that changed;
//   - an upload shows a progress bar (XMLHttpRequest upload progress), then the new
//     document is chosen in that requirement's Dokumen list;
//   - Buat is enabled as soon as everything the page can check is filled in and ticked,
//     and "Yang belum lengkap" follows as one types.  The server checks again on Buat.
(function () {
  'use strict';
  var main = document.getElementById('isi');
  if (!main) return;

  function init() {
    var form = document.getElementById('pm-form');
    if (!form) return;
    var summary = document.getElementById('ringkasan');
    if (summary) {
      summary.setAttribute('tabindex', '-1');
      summary.focus();
    }
    enhancePicks(form);
    enhanceUploads();
    liveBuat(form);
  }

  // ---- the cascade ------------------------------------------------------------------
  function enhancePicks(form) {
    if (!window.fetch || !window.DOMParser) return;
    form.querySelectorAll('button.pick').forEach(function (b) { b.hidden = true; });
    form.querySelectorAll('[data-pick]').forEach(function (control) {
      control.addEventListener('change', function () { refresh(form, control.id || control.name); });
    });
  }

  function refresh(form, focusKey) {
    var data = new FormData(form);
    data.set('aksi', 'pilih');
    main.setAttribute('aria-busy', 'true');
    fetch(form.action, { method: 'POST', body: new URLSearchParams(data), credentials: 'same-origin' })
      .then(function (res) { return res.text(); })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, 'text/html');
        var fresh = doc.getElementById('isi');
        if (!fresh) throw new Error('no page');
        main.innerHTML = fresh.innerHTML;
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

  // ---- uploads with a progress bar ------------------------------------------------
  function enhanceUploads() {
    if (!window.XMLHttpRequest || !window.FormData) return;
    document.querySelectorAll('form.pm-upload').forEach(function (up) {
      up.addEventListener('submit', function (ev) {
        ev.preventDefault();
        upload(up);
      });
    });
  }

  function upload(up) {
    var row = document.getElementById(up.getAttribute('data-row'));
    var status = row.querySelector('.pm-status');
    var input = row.querySelector('input[type=file]');
    if (!input.files || !input.files.length) {
      status.textContent = document.documentElement.lang === 'en' ? 'Choose a file first.' : 'Pilih berkas lebih dulu.';
      return;
    }
    var bar = document.createElement('progress');
    bar.max = 100;
    bar.value = 0;
    status.textContent = '';
    status.appendChild(bar);
    var xhr = new XMLHttpRequest();
    xhr.open('POST', up.action);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.addEventListener('progress', function (e) {
      if (e.lengthComputable) bar.value = Math.round(e.loaded * 100 / e.total);
    });
    xhr.addEventListener('load', function () {
      var answer = null;
      try { answer = JSON.parse(xhr.responseText); } catch (e) { /* an error page */ }
      if (xhr.status === 200 && answer && answer.ok) {
        var select = row.querySelector('select[data-dokumen]');
        var option = document.createElement('option');
        option.value = String(answer.dokumen);
        option.textContent = row.querySelector('h3').firstChild.textContent.trim() + ' — ' + answer.label;
        select.appendChild(option);
        select.value = option.value;
        input.value = '';
        status.textContent = (document.documentElement.lang === 'en' ? 'Uploaded: ' : 'Terunggah: ') + answer.label;
        select.dispatchEvent(new Event('change', { bubbles: true }));
      } else {
        status.textContent = answer && answer.pesan ? answer.pesan
          : xhr.status === 413 ? (document.documentElement.lang === 'en' ? 'The file is too large.' : 'Berkas terlalu besar.')
            : (document.documentElement.lang === 'en' ? 'The upload failed.' : 'Unggahan gagal.');
        status.classList.add('err');
      }
    });
    xhr.addEventListener('error', function () {
      status.textContent = document.documentElement.lang === 'en' ? 'The upload failed.' : 'Unggahan gagal.';
      status.classList.add('err');
    });
    status.classList.remove('err');
    xhr.send(new FormData(up));
  }

  // ---- Buat, enabled live ------------------------------------------------------------
  function liveBuat(form) {
    var buat = document.getElementById('buat');
    var box = document.getElementById('belum-lengkap');
    var done = document.getElementById('lengkap');
    if (!buat || !box) return;
    var list = box.querySelector('ul');
    // What the page cannot check itself (a jenis izin of the unit, the cascade...) stays as
    // the server said; the rest is recomputed below.
    var serverOnly = [];
    list.querySelectorAll('li[data-key]').forEach(function (li) {
      var key = li.getAttribute('data-key');
      var el = document.getElementById(key);
      if (!el || !(el.hasAttribute('data-need') || el.classList.contains('syarat'))) serverOnly.push(li);
    });

    function labelOf(el) {
      var label = document.querySelector('label[for="' + el.id + '"]');
      return label ? label.textContent.replace('*', '').trim() : el.name;
    }
    function item(key, text) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = '#' + key;
      a.textContent = text;
      li.appendChild(a);
      return li;
    }
    function update() {
      var items = serverOnly.slice();
      form.querySelectorAll('[data-need]').forEach(function (el) {
        if (!el.value.trim()) items.push(item(el.id, labelOf(el) + ': ' + box.getAttribute('data-msg-need')));
      });
      document.querySelectorAll('li.syarat[data-wajib="1"]').forEach(function (row) {
        var name = row.querySelector('h3').firstChild.textContent.trim();
        if (!row.querySelector('select[data-dokumen]').value)
          items.push(item(row.id, name + ': ' + box.getAttribute('data-msg-dok')));
        else if (!row.querySelector('input[data-terpenuhi]').checked)
          items.push(item(row.id, name + ': ' + box.getAttribute('data-msg-tick')));
      });
      list.replaceChildren.apply(list, items);
      var complete = items.length === 0;
      buat.disabled = !complete;
      if (complete) buat.removeAttribute('aria-describedby'); else buat.setAttribute('aria-describedby', 'belum-lengkap');
      box.hidden = complete;
      if (done) done.hidden = !complete;
    }
    form.addEventListener('input', update);
    form.addEventListener('change', update);
    update();
  }

  init();
}());
