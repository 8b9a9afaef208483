// Starts Swagger UI on /docs (a file, not an inline script: the page's CSP allows only these).
"use strict";
(() => {
  const root = document.getElementById("swagger-ui");
  // eslint-disable-next-line no-undef
  SwaggerUIBundle({ url: root.dataset.openapi, dom_id: "#swagger-ui", deepLinking: true });
})();
