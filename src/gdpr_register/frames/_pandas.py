"""DataFrames from the record tables, with the documented dtypes; pandas is imported here
only, when a ``to_pandas`` is called (the ``notebook`` extra).

Dtypes: ``date`` columns are ``datetime64[s]`` (seconds: dates up to 9999-12-31 fit; NaT for
None), ``str`` columns pandas' ``string``, ``bool`` ``bool``, ``int`` ``Int64``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from gdpr_register.errors import UsageError
from gdpr_register.frames._records import SCHEMAS, Record

__all__ = ["DTYPES", "frame", "frame_in_chunks"]

DTYPES = {"date": "datetime64[s]", "str": "string", "bool": "bool", "int": "Int64"}


def _pandas() -> Any:
    try:
        import pandas
    except ImportError as exc:  # the optional extra is not installed
        raise UsageError(
            "to_pandas() needs pandas: pip install 'gdpr-register[notebook]'"
        ) from exc
    return pandas


def frame(records: Iterable[Record], table: str) -> Any:
    """A DataFrame of ``records`` with the columns and dtypes of ``SCHEMAS[table]``."""
    pd = _pandas()
    schema = SCHEMAS[table]
    rows = list(records)
    columns = {name: [row[name] for row in rows] for name, _ in schema}
    data = {}
    for name, kind in schema:
        values = columns[name]
        if kind == "date":
            data[name] = pd.Series(_days(values), dtype=DTYPES[kind])
        else:
            data[name] = pd.Series(values, dtype=DTYPES[kind])
    return pd.DataFrame(data, columns=[name for name, _ in schema])


def _days(values: list[Any]) -> Any:
    # Through numpy at second precision: pandas' default nanoseconds end in 2262, and an
    # erase-by date may be later (9999-12-31 is a date the model accepts).
    import numpy

    nat = numpy.datetime64("NaT", "s")
    return numpy.array([nat if v is None else numpy.datetime64(v, "s") for v in values],
                       dtype="datetime64[s]")


def frame_in_chunks(records: Iterator[Record], table: str, chunk_size: int) -> Any:
    """:func:`frame` built ``chunk_size`` records at a time, so that only one chunk of
    Python dicts is alive at once (millions of sweep rows)."""
    if chunk_size < 1:
        raise UsageError(f"chunk_size must be at least 1, got {chunk_size}")
    pd = _pandas()
    parts = []
    while chunk := list(islice(records, chunk_size)):
        parts.append(frame(chunk, table))
    if not parts:
        return frame([], table)
    return pd.concat(parts, ignore_index=True)
