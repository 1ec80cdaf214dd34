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
    // The names a client generated from the document gives its methods (listOccurrences, …).
    displayOperationId: true,
    // "Try it out" sends real requests to this server: reads only, so trying the reference
    // never files a resident's proposal (POST /proposals/ is documented, not sent from here).
    supportedSubmitMethods: ["get"],
    validatorUrl: null,
  });
})();
