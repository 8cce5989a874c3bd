(function () {
  var items = Array.prototype.slice.call(document.querySelectorAll('article.item'));
  function decision(item) {
    var checked = item.querySelector('input[type=radio]:checked');
    return checked ? checked.value : '';
  }
  function progress() {
    var done = items.filter(function (i) { return decision(i) !== ''; }).length;
    document.getElementById('progress').textContent = done + ' of ' + items.length + ' strings decided';
  }
  document.addEventListener('change', progress);
  function collect() {
    return {
      format: 'bleeding-check-review/1',
      locale: document.documentElement.dataset.locale,
      reviewer: {
        role: document.getElementById('role').value,
        date: document.getElementById('date').value,
        who: document.getElementById('who').value
      },
      entries: items.map(function (item) {
        var key = JSON.parse(item.dataset.key);
        key.decision = decision(item);
        key.back_translation = item.querySelector('textarea[name=back]').value;
        key.comment = item.querySelector('textarea[name=comment]').value;
        return key;
      }).filter(function (e) { return e.decision || e.back_translation || e.comment; })
    };
  }
  document.getElementById('export').addEventListener('click', function () {
    var data = collect();
    var status = document.getElementById('status');
    if (!data.reviewer.role || !data.reviewer.date || !data.reviewer.who.trim()) {
      status.textContent = 'Fill in your role, the date and who you are (at the top) first.';
      document.getElementById('who').focus();
      return;
    }
    var blob = new Blob([JSON.stringify(data, null, 2)], {type: 'application/json'});
    var link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = 'review-' + data.locale + '-' + data.reviewer.date + '.json';
    document.body.appendChild(link);
    link.click();
    link.remove();
    status.textContent = 'Exported ' + data.entries.length + ' decisions. Send the file to the team.';
  });
  document.getElementById('import').addEventListener('change', function (event) {
    var file = event.target.files[0];
    if (!file) { return; }
    file.text().then(function (text) {
      var data = JSON.parse(text);
      var byKey = {};
      (data.entries || []).forEach(function (e) { byKey[e.msgid + '\u0004' + (e.context || '')] = e; });
      items.forEach(function (item) {
        var key = JSON.parse(item.dataset.key);
        var e = byKey[key.msgid + '\u0004' + (key.context || '')];
        if (!e || e.hash !== key.hash) { return; }
        var radio = item.querySelector('input[type=radio][value="' + (e.decision || '') + '"]');
        if (radio) { radio.checked = true; }
        item.querySelector('textarea[name=back]').value = e.back_translation || '';
        item.querySelector('textarea[name=comment]').value = e.comment || '';
      });
      if (data.reviewer) {
        document.getElementById('role').value = data.reviewer.role || '';
        document.getElementById('date').value = data.reviewer.date || '';
        document.getElementById('who').value = data.reviewer.who || '';
      }
      document.getElementById('status').textContent = 'Loaded your earlier decisions.';
      progress();
    });
  });
  progress();
})();
