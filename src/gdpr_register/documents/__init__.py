"""Notice documents: YAML, JSON and TOML through the library's converter."""

from gdpr_register.documents.converter import make_converter, problems_from
from gdpr_register.documents.io import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_NODES,
    Format,
    dump_notice,
    dumps_notice,
    load_notice,
    loads_notice,
    notice_from_data,
    notice_to_data,
    write_text_file,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_NODES",
    "Format",
    "dump_notice",
    "dumps_notice",
    "load_notice",
    "loads_notice",
    "make_converter",
    "notice_from_data",
    "notice_to_data",
    "problems_from",
    "write_text_file",
]
