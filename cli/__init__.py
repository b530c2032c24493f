"""The `rally-kg` command: build the dataset from rally articles (the loader), serve it and query it (the endpoint's
core). It sits above both: the loader and the endpoint never import it."""
