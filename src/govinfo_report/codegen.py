"""Generated code: one helper compiles it and registers its source, so tracebacks show the line.

The model's identity checker, the acceptance layer's cell predicates and the validator's fast
paths are Python generated once per format version (the way attrs and cattrs generate their
methods). :func:`define` compiles such source under a readable file name and registers the text
with :mod:`linecache`, so a traceback through generated code shows the generated line.

Example::

    >>> square = define("def square(x):\\n    return x * x\\n", "square", "<example square>")
    >>> square(7)
    49
    >>> import linecache
    >>> linecache.getline("<example square>", 2).strip()
    'return x * x'
"""

from __future__ import annotations

import linecache
from typing import Any

__all__ = ["define"]


def define(source: str, name: str, filename: str, namespace: dict[str, Any] | None = None) -> Any:
    """Compile ``source``, register it as ``filename`` for tracebacks, and return ``name`` from it.

    Args:
        source: the generated Python source, defining ``name``.
        name: the function (or value) to return.
        filename: a unique pseudo file name, e.g. ``<identities requests 2021>``.
        namespace: the globals the generated code sees (copied, never changed).

    Examples:
        >>> from govinfo_report.codegen import define
        >>> double = define("def double(x):\\n    return 2 * x\\n", "double", "<example double>")
        >>> double(21)
        42
    """
    text = source if source.endswith("\n") else source + "\n"
    linecache.cache[filename] = (len(text), None, text.splitlines(keepends=True), filename)
    scope = dict(namespace or {})
    exec(compile(text, filename, "exec"), scope)
    return scope[name]
