"""What keeps the command line's start-up short (docs/performance.md, "Start-up")."""

from __future__ import annotations

import json
import subprocess
import sys

# Run in a fresh interpreter: in this one, other tests may already have resolved the types.
_FIELD_TYPES = """
import json, pkgutil, importlib, attrs
import gdpr_register.model as model
text = []
for info in pkgutil.iter_modules(model.__path__, "gdpr_register.model."):
    module = importlib.import_module(info.name)
    for value in vars(module).values():
        if isinstance(value, type) and attrs.has(value) and value.__module__ == info.name:
            text += [f"{value.__name__}.{f.name}: {f.type}" for f in attrs.fields(value)
                     if isinstance(f.type, str)]
print(json.dumps(text))
"""


def test_model_field_types_are_objects_not_text() -> None:
    # Text annotations (`from __future__ import annotations`) would be compiled one by one by
    # the converter at every start; only a class naming itself has to be written as text.
    run = subprocess.run([sys.executable, "-c", _FIELD_TYPES], capture_output=True, text=True,
                         check=True)
    assert json.loads(run.stdout) == ["RetentionRule.alternatives: tuple[RetentionRule, ...]"]
