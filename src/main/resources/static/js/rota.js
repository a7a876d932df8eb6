// Live status on the inbox page: when the server reports a status change for the viewer, the
// status block is fetched again (htmx swaps it). Without EventSource the page still works by reload.
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
  source.addEventListener('hello', function () {
    document.body.setAttribute('data-live', 'connected');
  });
});
