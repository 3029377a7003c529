"""Pipeline stages: one module each, each a plain function over an `Article`."""
