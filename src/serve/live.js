// niemyet serve: live reload and the error overlay. Added to pages by the preview server only;
// never part of a built site. Text is set with textContent: messages are never parsed as HTML.
(function () {
  "use strict";
  var OVERLAY_ID = "niemyet-loi";
  var wasClosed = false;

  function hide() {
    var old = document.getElementById(OVERLAY_ID);
    if (old) old.parentNode.removeChild(old);
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  function show(errors) {
    hide();
    var box = el("div", "niemyet-loi");
    box.id = OVERLAY_ID;
    box.setAttribute("role", "alertdialog");
    box.setAttribute("aria-label", "Lỗi nội dung");
    var panel = el("div", "niemyet-loi__khung");
    panel.appendChild(el("h2", "niemyet-loi__tieu-de",
      "Nội dung có " + errors.length + " lỗi — trang chưa được cập nhật"));
    panel.appendChild(el("p", "niemyet-loi__huong-dan",
      "Sửa và lưu tệp; trang sẽ tự tải lại khi hết lỗi."));
    var list = el("ol", "niemyet-loi__ds");
    errors.forEach(function (d) {
      var item = el("li", "niemyet-loi__muc");
      item.appendChild(el("div", "niemyet-loi__cho", d.path + ":" + d.line + ":" + d.column));
      item.appendChild(el("div", "niemyet-loi__noi-dung", d.message + " [" + d.code + "]"));
      if (d.source) item.appendChild(el("pre", "niemyet-loi__dong", d.source));
      if (d.hint) item.appendChild(el("div", "niemyet-loi__goi-y", "Gợi ý: " + d.hint));
      list.appendChild(item);
    });
    panel.appendChild(list);
    var close = el("button", "niemyet-loi__dong-lai", "Đóng");
    close.type = "button";
    close.addEventListener("click", hide);
    panel.appendChild(close);
    box.appendChild(panel);
    document.body.appendChild(box);
  }

  function connect() {
    var proto = location.protocol === "https:" ? "wss:" : "ws:";
    var ws = new WebSocket(proto + "//" + location.host + "/__niemyet/ws");
    ws.onmessage = function (ev) {
      var m;
      try { m = JSON.parse(ev.data); } catch (e) { return; }
      if (m.type === "reload") {
        // A list of pages: reload only when showing one of them (`/x/`, `/x` or `/x/index.html`).
        if (Array.isArray(m.pages)) {
          var here = location.pathname.replace(/index\.html$/, "");
          if (here.slice(-1) !== "/" && here.indexOf(".") < 0) here += "/";
          try { here = decodeURI(here); } catch (e) { /* keep it as it is */ }
          if (m.pages.indexOf(here) < 0) {
            hide(); // a reload is only sent once the content has no error left
            return;
          }
        }
        location.reload();
      } else if (m.type === "errors") {
        show(m.errors);
      } else if (m.type === "ok") {
        // After a restart of the server the page may be stale: reload once.
        if (wasClosed) location.reload();
        hide();
      }
    };
    ws.onclose = function () {
      wasClosed = true;
      setTimeout(connect, 1000);
    };
  }
  connect();
})();
