"""Resolution: the records of one or more articles into entities, one per real person, maker, place and country
however the sources spell them (`resolve` in resolve.entities; the data it makes in resolve.model)."""
