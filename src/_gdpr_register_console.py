"""The ``gdpr-register`` program's entry point, outside the package on purpose.

:func:`gdpr_register.cli.console` runs the program with the garbage collector's first
generation collected after 50,000 new objects instead of 700 (the start makes tens of
thousands of objects, none of them garbage). The console script imports the module that
holds its function before calling it, and importing ``gdpr_register`` already imports attrs
(for its held code, :mod:`gdpr_register._codecache`): the collector would sweep attrs'
objects a dozen times before that setting. This module imports nothing of the package until
the setting is made; the setting is that of :func:`gdpr_register.cli.console`, which runs
the program. ``python -m gdpr_register.cli`` and :func:`gdpr_register.cli.main` are as before.
"""

__all__ = ["console"]


def console() -> None:
    """The ``gdpr-register`` program: :func:`gdpr_register.cli.console`."""
    import gc

    gc.set_threshold(50_000, 10, 10)  # as gdpr_register.cli.console sets it (a test compares)
    from gdpr_register.cli import console as program

    program()
