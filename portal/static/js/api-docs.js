// The API reference page (/api/v2/docs/): Swagger UI on the generated OpenAPI document.
// A file of its own rather than an inline script, so the Content-Security-Policy stays strict.
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  if (!root || !window.SwaggerUIBundle) {
    return;
  }
  window.SwaggerUIBundle({
    url: root.getAttribute("data-url"),
    domNode: root,
    deepLinking: true,
    // Read-only API: "Try it out" sends real GET requests to this server.
    supportedSubmitMethods: ["get"],
    validatorUrl: null,
  });
})();
