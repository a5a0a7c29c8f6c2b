// Starts GraphiQL on /graphql. Served by the server itself, so the page needs no CDN and
// no inline script. Paste {"Authorization": "Bearer <token>"} into the Headers tab.
(function () {
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  var fetcher = GraphiQL.createFetcher({ url: '/graphql' });
  root.render(React.createElement(GraphiQL, {
    fetcher: fetcher,
    defaultEditorToolsVisibility: true,
    defaultQuery: '# Chỉ tiêu — GraphQL. Headers: {"Authorization": "Bearer <API token or session>"}\n' +
      '# Who am I, then the first page of raw figures in my scope; pass endCursor as\n' +
      '# `after` for the next page, and updatedSince to get only what changed.\n' +
      'query FirstPage($after: String) {\n' +
      '  viewer { kind name role scope { code name } }\n' +
      '  measureValues(first: 100, after: $after) {\n' +
      '    rows { unit { code name } measure { code name } year month value status updatedAt }\n' +
      '    endCursor\n' +
      '    hasNextPage\n' +
      '  }\n' +
      '}\n'
  }));
})();
