// niemyet: the search page's script, the only JavaScript of the site.
// It reads the index built with the site (tim-kiem/chi-muc/, described in src/search.rs) and
// lists the pages it finds. Words are folded exactly as the index folds them (tone marks dropped,
// đ→d, lowercase), so "dang ky tam tru" and "290/QD-UBND" find "Đăng ký tạm trú" and
// "290/QĐ-UBND". Results are built with textContent only: nothing from the index is parsed as HTML.
(function () {
  "use strict";
  var form = document.getElementById("tim-kiem");
  var input = document.getElementById("tu-khoa");
  var status = document.getElementById("trang-thai");
  var list = document.getElementById("ket-qua");
  if (!form || !input || !status || !list || !window.fetch || !window.Map || !"".normalize) return;
  var root = form.getAttribute("data-goc") || "/";
  var dir = form.getAttribute("data-chi-muc") || root + "tim-kiem/chi-muc/";
  // Results listed at a time: a phone screen shows about five.
  var SHOWN = 10;
  // The letters of a postings string, each worth its place (LETTERS in src/search.rs).
  var LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var VALUE = {};
  for (var l = 0; l < LETTERS.length; l++) VALUE[LETTERS.charCodeAt(l)] = l;
  var MARKS, WORD, WORD_END;
  try {
    MARKS = new RegExp("[\\p{M}\\u00ad\\u200b-\\u200d\\u2060\\ufeff]", "gu");
    WORD = new RegExp("[\\p{L}\\p{N}]+", "gu");
    WORD_END = new RegExp("[\\p{L}\\p{N}]$", "u");
  } catch (e) {
    // Browsers without Unicode property escapes: Vietnamese needs no more than this.
    MARKS = /[\u0300-\u036f\u00ad\u200b-\u200d\u2060\ufeff]/g;
    WORD = /[0-9a-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff\u1e00-\u1eff]+/g;
    WORD_END = /[0-9a-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff\u1e00-\u1eff]$/;
  }
  var manifest = null;
  var files = {};
  var latest = 0;
  var timer = null;
  var more = null;

  // The same folding as `fold_char` in src/search.rs.
  function fold(s) {
    return s.normalize("NFD").toLowerCase().replace(MARKS, "").replace(/[đð]/g, "d").replace(/ς/g, "σ");
  }

  function words(s) {
    var max = manifest && manifest.max_word ? manifest.max_word : 40;
    return (fold(s).match(WORD) || []).filter(function (w) { return Array.from(w).length <= max; });
  }

  function get(name, fresh) {
    if (!files[name]) {
      var loading = files[name] = fetch(dir + name, fresh ? { cache: "no-cache" } : {}).then(function (r) {
        if (!r.ok) {
          var e = new Error(name + ": HTTP " + r.status);
          // A chunk named by a manifest that is gone: the site was published again.
          e.stale = r.status === 404;
          throw e;
        }
        return r.json();
      });
      loading.catch(function () { if (files[name] === loading) delete files[name]; });
    }
    return files[name];
  }

  // The manifest, with its chunks' separator keys as a list: chunk i holds the words from
  // keys[i] up to keys[i + 1].
  function loadManifest() {
    return get("muc-luc.json", true).then(function (m) {
      if (!m.keyList) m.keyList = m.keys ? m.keys.split(" ") : [];
      manifest = m;
      return m;
    });
  }

  // The chunk that holds `word` if any: the last one whose key is not after it.
  function chunkOf(m, word) {
    var lo = 0, hi = m.keyList.length - 1, found = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (m.keyList[mid] <= word) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found;
  }

  function chunkName(m, i) {
    var width = m.chunks.length / m.keyList.length;
    return "t-" + i + "-" + m.chunks.substr(i * width, width) + ".json";
  }

  // A chunk as a map of its words: `["word", "POSTINGS", pages?, …]`, the number after a
  // postings string being the word's number of pages when the string keeps only the best.
  function chunk(m, i) {
    var name = chunkName(m, i);
    return get(name).then(function (rows) {
      if (rows instanceof Map) return rows;
      var map = new Map();
      for (var k = 0; k + 1 < rows.length;) {
        var word = rows[k], entry = { postings: rows[k + 1], pages: 0 };
        k += 2;
        if (typeof rows[k] === "number") entry.pages = rows[k++];
        map.set(word, entry);
      }
      files[name] = Promise.resolve(map);
      return map;
    });
  }

  // A postings string as [page id, score, page id, score, …]: each id is its distance from
  // the previous one in letters of five bits (32 added: more letters follow), then one letter
  // of score.
  function decode(s) {
    var out = [], id = 0, n = 0;
    for (var i = 0; i < s.length; i++) {
      var v = VALUE[s.charCodeAt(i)];
      n = n * 32 + (v & 31);
      if (v & 32) continue;
      id += n;
      n = 0;
      out.push(id, VALUE[s.charCodeAt(++i)]);
    }
    return out;
  }

  function idf(m, n) {
    return Math.log(1 + (m.pages - n + 0.5) / (n + 0.5));
  }

  // Adds the pages of one word to `into` (page → best score of this word group).
  function collect(m, word, weight, into) {
    if (!word.list) word.list = decode(word.postings);
    var postings = word.list;
    var w = idf(m, word.pages || postings.length / 2) * weight;
    for (var i = 0; i + 1 < postings.length; i += 2) {
      var id = postings[i], s = postings[i + 1] * w;
      if (!(into.get(id) >= s)) into.set(id, s);
    }
  }

  function find(query) {
    return loadManifest().then(function (m) {
      var terms = Array.from(new Set(words(query)));
      if (!terms.length || !m.keyList.length) return { ids: [], partial: false, terms: terms };
      var last = terms[terms.length - 1];
      var typing = WORD_END.test(fold(query)) && Array.from(last).length >= 2;
      var key = fold(query).replace(/\s+/g, "");
      var keyed = key !== terms.join("") && key.length > 0;
      var need = {};
      terms.forEach(function (t) { var i = chunkOf(m, t); if (i >= 0) need[i] = true; });
      var prefixChunks = [];
      if (typing) {
        var start = Math.max(chunkOf(m, last), 0);
        prefixChunks.push(start);
        // A chunk after `start` holds words that begin with `last` only if its key does too
        // (keys are the shortest starts of their first words that sort after the chunk before:
        // proven in src/search.rs, separators_find_each_word_and_every_word_a_prefix_starts).
        for (var i = start + 1; i < m.keyList.length && m.keyList[i].indexOf(last) === 0; i++) prefixChunks.push(i);
        if (prefixChunks.length > 4) prefixChunks = [];
        prefixChunks.forEach(function (i) { need[i] = true; });
      }
      if (keyed) { var k = chunkOf(m, key); if (k >= 0) need[k] = true; }
      var wanted = Object.keys(need).map(Number);
      return Promise.all(wanted.map(function (i) { return chunk(m, i); })).then(function (maps) {
        var byChunk = {};
        wanted.forEach(function (i, n) { byChunk[i] = maps[n]; });
        var total = new Map();
        terms.forEach(function (t, n) {
          var group = new Map();
          var c = byChunk[chunkOf(m, t)];
          if (c && c.has(t)) collect(m, c.get(t), 1, group);
          if (typing && n === terms.length - 1) {
            var expanded = 0;
            prefixChunks.forEach(function (i) {
              byChunk[i].forEach(function (postings, w) {
                if (w !== t && w.indexOf(t) === 0 && expanded < 64) {
                  expanded++;
                  collect(m, postings, 0.6, group);
                }
              });
            });
          }
          group.forEach(function (s, id) {
            var r = total.get(id) || { hits: 0, score: 0, whole: false };
            r.hits++;
            r.score += s;
            total.set(id, r);
          });
        });
        if (keyed) {
          var kc = byChunk[chunkOf(m, key)];
          if (kc && kc.has(key)) {
            var whole = new Map();
            collect(m, kc.get(key), 1, whole);
            whole.forEach(function (s, id) {
              var r = total.get(id) || { hits: 0, score: 0, whole: false };
              r.whole = true;
              r.score += 1000 + s;
              total.set(id, r);
            });
          }
        }
        var all = [], some = [];
        total.forEach(function (r, id) {
          r.id = id;
          (r.whole || r.hits === terms.length ? all : some).push(r);
        });
        var partial = all.length === 0;
        var shown = partial ? some : all;
        shown.sort(function (a, b) {
          return (b.hits - a.hits) * (partial ? 1 : 0) || b.score - a.score || a.id - b.id;
        });
        return { ids: shown.map(function (r) { return r.id; }), partial: partial, terms: terms, typing: typing };
      });
    });
  }

  // The descriptions of pages `ids`. Their chunks keep one name from build to build, so they are
  // asked for again each time (a cheap revalidation), and each starts with the version of the
  // page numbering it belongs to: a chunk of another build than the manifest's is refused
  // (error.stale), never shown under the wrong title.
  function describe(m, ids) {
    var per = m.per_meta;
    var needed = Array.from(new Set(ids.map(function (id) { return Math.floor(id / per); })));
    return Promise.all(needed.map(function (c) { return get("m-" + c + ".json", true); })).then(function (groups) {
      var byChunk = {};
      needed.forEach(function (c, n) {
        if (groups[n][0] !== m.meta_version) {
          var e = new Error("m-" + c + ".json: another build");
          e.stale = true;
          throw e;
        }
        byChunk[c] = groups[n];
      });
      return ids.map(function (id) { return byChunk[Math.floor(id / per)][1 + id % per]; });
    });
  }

  // The title with the words of the query marked, built as text nodes.
  function title(text, found) {
    var span = document.createDocumentFragment();
    text.split(/(\s+)/).forEach(function (part) {
      var hit = (fold(part).match(WORD) || []).some(function (w) {
        return found.terms.indexOf(w) >= 0 ||
          (found.typing && w.indexOf(found.terms[found.terms.length - 1]) === 0);
      });
      if (hit) {
        var mark = document.createElement("mark");
        mark.textContent = part;
        span.appendChild(mark);
      } else {
        span.appendChild(document.createTextNode(part));
      }
    });
    return span;
  }

  function item(page, found) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = root + page[0];
    a.appendChild(title(page[1] || page[0], found));
    li.appendChild(a);
    if (page[2]) {
      var k = document.createElement("span");
      k.className = "meta";
      k.textContent = page[2];
      li.appendChild(k);
    }
    if (page[3]) {
      var p = document.createElement("p");
      p.textContent = page[3];
      li.appendChild(p);
    }
    return li;
  }

  function show(id, found, from, query) {
    var ids = found.ids.slice(from, from + SHOWN);
    return describe(manifest, ids).then(function (pages) {
      if (id !== latest) return;
      pages.forEach(function (page) { if (page) list.appendChild(item(page, found)); });
      if (more) { more.remove(); more = null; }
      if (from + SHOWN < found.ids.length) {
        more = document.createElement("button");
        more.type = "button";
        more.className = "more";
        more.textContent = "Xem thêm " + Math.min(SHOWN, found.ids.length - from - SHOWN) + " kết quả";
        more.addEventListener("click", function () {
          show(id, found, from + SHOWN, query).catch(function (e) { failed(id, query, e, false); });
        });
        list.parentNode.insertBefore(more, list.nextSibling);
      }
    });
  }

  // A failed search. A description chunk of another build than the manifest means the site was
  // published again while this page was open: everything loaded is dropped and the query run
  // again, once.
  function failed(id, query, e, retried) {
    if (id !== latest) return;
    if (e && e.stale && !retried) {
      manifest = null;
      files = {};
      run(query, true);
      return;
    }
    status.textContent = "Không tải được bộ tìm kiếm. Hãy kiểm tra kết nối mạng rồi thử lại, hoặc xem danh sách văn bản và dịch vụ công.";
  }

  function run(query, retried) {
    var id = ++latest;
    var q = query.trim();
    list.textContent = "";
    if (more) { more.remove(); more = null; }
    if (!words(q).length) {
      status.textContent = q ? "Hãy gõ ít nhất một chữ hoặc số." : "";
      return;
    }
    status.textContent = "Đang tìm…";
    find(query)
      .then(function (found) {
        if (id !== latest) return;
        var n = found.ids.length;
        if (!n) {
          status.textContent = "Không tìm thấy kết quả cho “" + q + "”. Thử gõ ít từ hơn, hoặc xem danh sách văn bản.";
          return;
        }
        status.textContent = found.partial
          ? "Không trang nào có đủ các từ “" + q + "”; đây là " + n + " trang có một phần."
          : "Tìm thấy " + n + " kết quả cho “" + q + "”.";
        return show(id, found, 0, query);
      })
      .catch(function (e) { failed(id, query, e, retried); });
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
    timer = setTimeout(function () { run(input.value); }, 200);
  });
  form.hidden = false;
  var initial = new URL(window.location.href).searchParams.get("q");
  if (initial) {
    input.value = initial;
    run(initial);
  }
})();
