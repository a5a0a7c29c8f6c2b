// Starts GraphiQL on /graphql. Served by the server itself, so the page needs no CDN and
// no inline script. Paste {"Authorization": "Bearer <token>"} into the Headers tab.
(function () {
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  var fetcher = GraphiQL.createFetcher({ url: '/graphql' });
  root.render(React.createElement(GraphiQL, {
    fetcher: fetcher,
    defaultEditorToolsVisibility: true,
    defaultQuery: '# Chỉ tiêu — GraphQL\n# Headers: {"Authorization": "Bearer <token>"}\n{\n  me {\n    username\n    role\n  }\n}\n'
  }));
})();
