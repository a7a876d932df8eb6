// Working hours: unchecking "Sync out of office with your calendar" while a calendar is linked unlinks it
// (without script the page shows an Unlink button instead).
document.addEventListener('DOMContentLoaded', function () {
  var box = document.getElementById('calendar-enabled');
  if (!box) {
    return;
  }
  box.addEventListener('change', function () {
    var id = box.getAttribute('data-unlink');
    var form = id && document.getElementById(id);
    if (!box.checked && form) {
      if (form.requestSubmit) {
        form.requestSubmit();
      } else {
        form.submit();
      }
    }
  });
});

// Live updates on the inbox page. When the server reports a status change for the viewer, the status
// block is fetched again; when a conversation is assigned, unassigned or closed anywhere in the account,
// the two conversation lists are (htmx swaps them). Without EventSource the page still works by reload.
document.addEventListener('DOMContentLoaded', function () {
  var block = document.getElementById('status');
  if (!block || !window.EventSource || !window.htmx) {
    return;
  }
  var me = block.getAttribute('data-user');
  var source = new EventSource('/ui/events');
  source.addEventListener('status', function (event) {
    var data;
    try {
      data = JSON.parse(event.data);
    } catch (e) {
      return;
    }
    if (data.userId === me) {
      htmx.ajax('GET', '/inbox/status', { target: '#status', swap: 'outerHTML' });
    }
  });
  var pending = null;
  source.addEventListener('assignment', function () {
    if (pending || !document.getElementById('conversations')) {
      return;
    }
    // several events in a burst (a queue drained) make one refresh
    pending = setTimeout(function () {
      pending = null;
      htmx.ajax('GET', '/inbox/conversations', { target: '#conversations', swap: 'outerHTML' });
    }, 150);
  });
  source.addEventListener('hello', function () {
    document.body.setAttribute('data-live', 'connected');
  });
  // the server ends the stream with the session (sign-out elsewhere, timeout); reconnecting then fails for good
  source.addEventListener('error', function () {
    if (source.readyState === EventSource.CLOSED) {
      document.body.setAttribute('data-live', 'closed');
    }
  });
});

// When an htmx request goes wrong the page must not just sit there. A request that ended on the sign-in page
// (the session is over) takes the whole window there instead of swapping the form into the block; a refused
// post (an expired form's token) is sent again as a plain form post, whose full page says what happened.
document.addEventListener('htmx:beforeSwap', function (event) {
  var xhr = event.detail.xhr;
  if (xhr.responseURL && new URL(xhr.responseURL, window.location.href).pathname === '/login') {
    event.detail.shouldSwap = false;
    window.location.href = '/login';
    return;
  }
  var config = event.detail.requestConfig;
  if (xhr.status < 400 || !config || config.verb !== 'post' || !config.elt) {
    return;
  }
  var form = config.elt.closest('form');
  if (!form) {
    return;
  }
  event.detail.shouldSwap = false;
  // form.submit() sends no submitter and fires no submit event (which htmx would take again)
  var submitter = config.triggeringEvent && config.triggeringEvent.submitter;
  if (submitter && submitter.name) {
    var extra = document.createElement('input');
    extra.type = 'hidden';
    extra.name = submitter.name;
    extra.value = submitter.value;
    form.appendChild(extra);
  }
  form.submit();
});

// Menus (<details class="menu">): Escape or a click elsewhere closes an open one; Escape gives focus back to it.
document.addEventListener('keydown', function (event) {
  if (event.key !== 'Escape') {
    return;
  }
  var menu = event.target.closest && event.target.closest('details.menu[open]');
  if (menu) {
    menu.removeAttribute('open');
    menu.querySelector('summary').focus();
  }
});
document.addEventListener('click', function (event) {
  document.querySelectorAll('details.menu[open]').forEach(function (menu) {
    if (!menu.contains(event.target)) {
      menu.removeAttribute('open');
    }
  });
});

// After a status change the block is new: keep the keyboard where it was — on the menu's button in the inbox
// (also when the live refresh that follows one's own change replaces the block again), on the row's other button in
// the availability table — instead of dropping it to the top of the page. Focus elsewhere is left alone.
var focusInStatus = false;
var listFocus = null;
document.addEventListener('htmx:beforeSwap', function (event) {
  var target = event.detail.target;
  var active = document.activeElement;
  if (target && target.id === 'status') {
    focusInStatus = target.contains(active) || active === document.body;
  }
  if (target && target.id === 'conversations') {
    var row = target.contains(active) && active.closest('li[data-conversation]');
    var list = target.contains(active) && active.closest('section.conversations');
    listFocus = !list ? null : {
      conversation: row ? row.getAttribute('data-conversation') : '',
      label: active.getAttribute('aria-label'),
      tag: active.tagName,
      list: list.getAttribute('aria-labelledby')
    };
  }
});
document.addEventListener('htmx:afterSwap', function (event) {
  var target = event.detail.target;
  var config = event.detail.requestConfig;
  if (target && target.id === 'status') {
    // a refused duration: on the field to correct; otherwise on the menu's button
    var field = document.querySelector('#status-error') && document.querySelector('#custom-minutes');
    var summary = document.querySelector('#status summary');
    if (focusInStatus && (field || summary)) {
      (field || summary).focus();
    }
    return;
  }
  if (target && target.id === 'conversations' && listFocus) {
    // the same control of the same conversation, or — when that conversation left the list — the list's heading
    var row = document.querySelector('#conversations li[data-conversation="' + listFocus.conversation + '"]');
    var again = row && Array.prototype.find.call(row.querySelectorAll('a, button'), function (el) {
      return el.getAttribute('aria-label') === listFocus.label && el.tagName === listFocus.tag;
    });
    var heading = document.getElementById(listFocus.list);
    (again || heading || document.body).focus();
    listFocus = null;
    return;
  }
  var user = config && config.verb === 'post' && /\/settings\/availability\/users\/([0-9a-f-]+)\/status/.exec(config.path || '');
  if (user) {
    var button = document.querySelector('#management tr[data-user="' + user[1] + '"] button:not([disabled])');
    // the row is gone when the filters no longer show that person: on the notice that says so
    var notice = document.querySelector('#management .changed-hidden');
    if (button || notice) {
      (button || notice).focus();
    }
  }
});
