"""One module per interoperability format, each exposing ``FORMAT`` (an ``InteropFormat``)."""
