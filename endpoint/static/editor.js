// A little help for the query editor: Ctrl+Enter (or Cmd+Enter) runs the query.
// The page works the same without it: the editor is a plain GET form.
document.addEventListener("DOMContentLoaded", () => {
  const area = document.getElementById("query");
  const form = document.getElementById("editor-form");
  if (!area || !form) return;
  area.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
});
