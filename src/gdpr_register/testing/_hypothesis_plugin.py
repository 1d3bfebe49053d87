"""The ``hypothesis`` entry point: registers the model's strategies for ``st.from_type``.

Hypothesis calls it while ``import hypothesis`` runs. When that import was started by
``gdpr_register.testing.strategies`` itself (a test file that imports our strategies before
hypothesis), the strategies package is only half loaded at that moment: the registration is
deferred, and the package completes it as the last step of its own import.
"""

from __future__ import annotations

import sys

__all__ = ["finish_deferred", "register_type_strategies"]

_STRATEGIES = "gdpr_register.testing.strategies"
_deferred = False


def register_type_strategies() -> None:
    global _deferred
    loading = sys.modules.get(_STRATEGIES)
    if loading is not None and not hasattr(loading, "register_type_strategies"):
        _deferred = True  # half loaded: it calls finish_deferred() when done
        return
    from gdpr_register.testing.strategies import register_type_strategies as register

    register()


def finish_deferred() -> None:
    """Called at the end of the strategies package's import."""
    global _deferred
    if _deferred:
        _deferred = False
        from gdpr_register.testing.strategies import register_type_strategies as register

        register()
