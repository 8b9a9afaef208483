// iisgraph pages: small, optional enhancements; every page works without them.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  // A highlighted quote tells its topic and stance when clicked or activated by keyboard.
  for (const mark of document.querySelectorAll("mark.evidence[data-topic]")) {
    mark.tabIndex = 0;
    const show = () => {
      const note = document.getElementById("evidence-note");
      if (note) note.textContent = `${mark.dataset.topic}: ${mark.dataset.stance}`;
    };
    mark.addEventListener("click", show);
    mark.addEventListener("keydown", (event) => { if (event.key === "Enter") show(); });
  }
});
