// Sortable columns (as in Datasette): a click on a column's heading sorts the table's rows by
// that column, a second click the other way; numbers as numbers ("9" before "17"), dates and
// words in the page language's order, empty cells last. aria-sort tells which and how.
// It sorts the rows of the page shown; the list's own order (and its other pages) are the
// server's. Tables opt in with class "list" or the attribute data-sortable.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const collator = new Intl.Collator(document.documentElement.lang || undefined, {
    numeric: true,
    sensitivity: "base",
  });
  for (const table of document.querySelectorAll("table.list, table[data-sortable]")) {
    const heads = table.tHead ? Array.from(table.tHead.rows[0].cells) : [];
    const body = table.tBodies[0];
    if (!body) continue;
    heads.forEach((heading, column) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      while (heading.firstChild) button.appendChild(heading.firstChild);
      heading.appendChild(button);
      button.addEventListener("click", () => {
        const ascending = heading.getAttribute("aria-sort") !== "ascending";
        for (const other of heads) other.removeAttribute("aria-sort");
        heading.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        const text = (row) => {
          const cell = row.cells[column];
          return cell ? (cell.dataset.sort ?? cell.textContent).trim() : "";
        };
        const rows = Array.from(body.rows);
        rows.sort((a, b) => {
          const [x, y] = [text(a), text(b)];
          if (!x || !y) return (!x) - (!y); // empty cells last, either way
          return ascending ? collator.compare(x, y) : collator.compare(y, x);
        });
        body.append(...rows);
      });
    });
  }
});
