"""Sphinx configuration: MyST Markdown guides, furo, autodoc, and generated rule/API pages.

Build: ``pip install -e ".[docs]" && sphinx-build docs docs/_build/html`` (CI adds ``-W``).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

from gdpr_register import __version__

project = "gdpr_register"
author = "gdpr_register contributors"
copyright = "gdpr_register contributors"
release = __version__
version = __version__

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "gdpr_register_docs",
]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
root_doc = "index"
# notebooks/: linked as downloads (no notebook execution here); _ext/: the extension's code.
exclude_patterns = ["_build", "_ext", "notebooks", "Thumbs.db", ".DS_Store"]

myst_heading_anchors = 3  # the guides link to their headings as on GitHub (#saying-what-...)
myst_enable_extensions = ["deflist"]

autodoc_member_order = "bysource"
autodoc_typehints = "description"

html_theme = "furo"
html_title = f"gdpr_register {release}"
