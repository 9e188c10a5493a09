// niemyet: the search page's script, the only JavaScript of the site.
// It asks the Pagefind index built with the site (/pagefind/) and lists the pages it finds.
// The query is folded like the index's hidden copy (tones dropped, đ→d), so "dang ky tam tru"
// and "290/QD-UBND" find "Đăng ký tạm trú" and "290/QĐ-UBND". Results are built with
// textContent only: nothing from the index is ever parsed as HTML.
(function () {
  "use strict";
  var form = document.getElementById("tim-kiem");
  var input = document.getElementById("tu-khoa");
  var status = document.getElementById("trang-thai");
  var list = document.getElementById("ket-qua");
  if (!form || !input || !status || !list) return;
  var bundle = form.getAttribute("data-pagefind") || "/pagefind/";
  var engine = null;
  var latest = 0;
  var timer = null;

  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D");
  }

  function load() {
    if (!engine) {
      engine = import(bundle + "pagefind.js").then(function (pf) {
        return pf.options({ baseUrl: "/", excerptLength: 0 }).then(function () { return pf; });
      });
    }
    return engine;
  }

  function item(data) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = data.url;
    a.textContent = (data.meta && data.meta.title) || data.url;
    li.appendChild(a);
    if (data.meta && data.meta.kind) {
      var k = document.createElement("span");
      k.className = "meta";
      k.textContent = data.meta.kind;
      li.appendChild(k);
    }
    if (data.meta && data.meta.description) {
      var p = document.createElement("p");
      p.textContent = data.meta.description;
      li.appendChild(p);
    }
    return li;
  }

  function run(query) {
    var id = ++latest;
    var q = fold(query.trim());
    list.textContent = "";
    if (!q) {
      status.textContent = "";
      return;
    }
    status.textContent = "Đang tìm…";
    load()
      .then(function (pf) { return pf.search(q); })
      .then(function (search) {
        return Promise.all(search.results.slice(0, 20).map(function (r) { return r.data(); }));
      })
      .then(function (results) {
        if (id !== latest) return;
        results.forEach(function (d) { list.appendChild(item(d)); });
        status.textContent = results.length
          ? "Tìm thấy " + results.length + " kết quả cho “" + query.trim() + "”."
          : "Không tìm thấy kết quả cho “" + query.trim() + "”. Thử gõ ít từ hơn, hoặc xem danh sách văn bản.";
      })
      .catch(function () {
        if (id !== latest) return;
        status.textContent = "Không tải được bộ tìm kiếm. Hãy xem danh sách văn bản và dịch vụ công.";
      });
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var url = new URL(window.location.href);
    url.searchParams.set("q", input.value);
    window.history.replaceState(null, "", url);
    run(input.value);
  });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { run(input.value); }, 250);
  });
  form.hidden = false;
  var initial = new URL(window.location.href).searchParams.get("q");
  if (initial) {
    input.value = initial;
    run(initial);
  }
})();
