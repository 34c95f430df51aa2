// The explorer of the gateway's one OpenAPI document (no inline script, so a strict Content-Security-Policy holds).
window.onload = () => {
  window.ui = SwaggerUIBundle({
    url: '/v3/api-docs',
    dom_id: '#swagger-ui',
    deepLinking: true,
  });
};
