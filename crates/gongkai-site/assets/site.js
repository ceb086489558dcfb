// gongkai site: sortable tables, the search box over departments, the comparison view.
(function () {
  "use strict";
  function text(cell) { return cell ? cell.textContent.trim() : ""; }
  function sortBy(table, col, numeric, asc) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = text(a.cells[col]), y = text(b.cells[col]);
      var r = numeric ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : x.localeCompare(y, "zh");
      return asc ? r : -r;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var heads = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(heads, function (th, i) {
      var asc = true;
      th.addEventListener("click", function () {
        sortBy(table, i, th.classList.contains("num"), asc);
        asc = !asc;
      });
    });
  });
  var search = document.getElementById("search");
  var filters = document.querySelectorAll("select.filter");
  var applyFilters = function () {
    var q = search ? search.value.trim().toLowerCase() : "";
    document.querySelectorAll("#documents tbody tr").forEach(function (tr) {
      var hay = (tr.getAttribute("data-search") || "").toLowerCase();
      var show = !q || hay.indexOf(q) >= 0;
      filters.forEach(function (f) {
        if (f.value && tr.getAttribute("data-" + f.getAttribute("data-facet")) !== f.value) { show = false; }
      });
      tr.style.display = show ? "" : "none";
    });
  };
  if (search) { search.addEventListener("input", applyFilters); }
  filters.forEach(function (f) { f.addEventListener("change", applyFilters); });
  var select = document.getElementById("line");
  var dataNode = document.getElementById("compare-data");
  if (select && dataNode) {
    var lines = JSON.parse(dataNode.textContent);
    var esc = function (s) {
      return String(s).replace(/[&<>"']/g, function (c) {
        return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" }[c];
      });
    };
    var render = function (line) {
      var rows = line.points.map(function (p) {
        return "<tr><td title=\"" + esc(p.department_key) + "\">" + esc(p.department) + "</td><td>" +
          esc(p.year) + "</td><td class=\"num\">" + esc(p.wan) + "</td><td>" + esc(p.printed) +
          "</td><td><a href=\"" + esc(p.href) + "\">" + esc(p.doc) + "</a></td></tr>";
      }).join("\n");
      var max = Math.max.apply(null, line.points.map(function (p) { return parseFloat(p.wan) || 0; }).concat([1e-9]));
      var bars = line.points.map(function (p, i) {
        var y = 5 + 18 * i, w = 420 * Math.max(parseFloat(p.wan) || 0, 0) / max;
        return "<text x=\"0\" y=\"" + (y + 12) + "\" font-size=\"11\">" + esc(p.department) + " " + esc(p.year) +
          "</text><rect x=\"250\" y=\"" + y + "\" width=\"" + w.toFixed(1) + "\" height=\"14\" fill=\"#4a78b5\"></rect>" +
          "<text x=\"" + (255 + w).toFixed(1) + "\" y=\"" + (y + 12) + "\" font-size=\"11\">" + esc(p.wan) + "</text>";
      }).join("");
      document.getElementById("compare-view").innerHTML =
        "<table id=\"compare-table\" data-line=\"" + esc(line.key) + "\"><thead><tr><th>部门 department</th><th>年度 year</th><th class=\"num\">万元</th>" +
        "<th>as printed</th><th>document</th></tr></thead><tbody>\n" + rows + "</tbody></table>\n" +
        "<svg id=\"compare-chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"760\" height=\"" +
        (18 * line.points.length + 10) + "\" role=\"img\">" + bars + "</svg>";
    };
    // The chosen line is kept in the address (#line=KEY), so a comparison can be linked.
    var fromHash = function () {
      var m = /^#line=(.+)$/.exec(window.location.hash);
      if (!m) { return; }
      var key = decodeURIComponent(m[1]);
      for (var i = 0; i < lines.length; i++) {
        if (lines[i].key === key) { select.value = String(i); render(lines[i]); return; }
      }
    };
    select.addEventListener("change", function () {
      var line = lines[parseInt(select.value, 10)];
      render(line);
      window.history.replaceState(null, "", "#line=" + encodeURIComponent(line.key));
    });
    window.addEventListener("hashchange", fromHash);
    fromHash();
  }
})();
