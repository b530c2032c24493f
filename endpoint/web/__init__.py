"""The pages for people and linked-data clients: home, resource pages, browsing, search, explanations, the race
in pictures, the query editor, saved-query pages, and every IRI dereferenced (303 to a page or a data document)."""
