"""The template sandbox with costs bounded, not only escapes.

Jinja's sandbox stops a template from reaching Python, but not from asking for ``10 ** (10 **
10)``, ``'a' * 10 ** 9``, ``title|center(10 ** 9)`` or two nested ``range(100000)`` loops: each
is a small template that hangs or takes gigabytes. :class:`BoundedEnvironment` checks the cost of
every such operation before doing it, against the limits of the render in progress
(:mod:`govinfo_report.limits`, set by :func:`bounded`): powers and products by the bits of their
result, repetition, padding and format widths by the length they would build, ``range()`` per call
and per render, ``lipsum()`` by the text it would write. Past a limit the render stops with one
:class:`~govinfo_report.errors.LimitExceeded` naming it.

Constant expressions are not folded at compile time for the intercepted operators (Jinja's own
rule for sandboxed environments), so ``{{ 10 ** (10 ** 10) }}`` costs nothing to compile.
"""

from __future__ import annotations

import contextlib
import contextvars
import math
import re
import string
from collections.abc import Callable, Iterator, Sized
from typing import Any

from jinja2.sandbox import SandboxedEnvironment

from ..errors import LimitExceeded
from ..limits import Limits, default_limits

__all__ = ["BoundedEnvironment", "bounded"]

_STATE: contextvars.ContextVar[tuple[Limits, list[int]] | None] = contextvars.ContextVar(
    "govinfo_report_render_limits", default=None
)
_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d*)(?:\.(\*|\d*))?")
_NUMBERS = re.compile(r"\d+")
_PADDING = frozenset({"ljust", "rjust", "center", "zfill", "expandtabs"})


def _limits() -> Limits:
    state = _STATE.get()
    return state[0] if state is not None else default_limits()


@contextlib.contextmanager
def bounded(limits: Limits | None = None) -> Iterator[None]:
    """Run the renders inside the block within ``limits`` (a fresh ``range()`` budget).

    Example::

        >>> env = BoundedEnvironment()
        >>> with bounded():
        ...     env.from_string("{{ 2 ** 10 }}").render()
        '1024'
    """
    limits = limits or default_limits()
    token = _STATE.set((limits, [limits.max_template_iterations]))
    try:
        yield
    finally:
        _STATE.reset(token)


def _check_length(length: int) -> None:
    _limits().check("max_template_string", length, where="template")


def _check_bits(bits: float) -> None:
    _limits().check("max_template_number_bits", math.ceil(bits), where="template")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _power(left: Any, right: Any) -> Any:
    if _is_int(left) and _is_int(right) and right > 0 and abs(left) > 1:
        _check_bits(right * math.log2(abs(left)))
    return left**right


def _product(left: Any, right: Any) -> Any:
    if _is_int(left) and _is_int(right):
        _check_bits(left.bit_length() + right.bit_length())
    elif _is_int(right) and isinstance(left, Sized):
        _check_length(len(left) * right)
    elif _is_int(left) and isinstance(right, Sized):
        _check_length(len(right) * left)
    return left * right


def _check_percent(pattern: str, args: Any) -> None:
    """Refuse a ``%`` format whose widths or precisions would build a huge text."""
    bound = _limits().max_template_string
    star = False
    for match in _PERCENT_SPEC.finditer(pattern):
        for part in (match[1], match[2]):
            if part == "*":
                star = True
            elif part:
                _check_length(int(part) if len(part) <= 18 else bound + 1)
    if star:
        values = args if isinstance(args, tuple) else (args,)
        for value in values:
            if _is_int(value):
                _check_length(abs(value))


def _modulo(left: Any, right: Any) -> Any:
    if isinstance(left, str):
        _check_percent(left, right)
    return left % right


def _check_format(pattern: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Refuse a ``str.format`` whose field widths (literal or nested) would build a huge text."""
    bound = _limits().max_template_string
    for _, _, spec, _ in string.Formatter().parse(pattern):
        if not spec:
            continue
        for number in _NUMBERS.findall(spec):
            _check_length(int(number) if len(number) <= 18 else bound + 1)
        if "{" in spec:
            for value in (*args, *kwargs.values()):
                if _is_int(value):
                    _check_length(abs(value))


def _bounded_range(*args: Any) -> range:
    """``range()`` with at most ``max_template_range`` items, drawn from the render's budget."""
    items = range(*args)
    limits = _limits()
    limits.check("max_template_range", len(items), where="template")
    state = _STATE.get()
    if state is not None:
        budget = state[1]
        budget[0] -= len(items)
        if budget[0] < 0:
            spent = limits.max_template_iterations - budget[0]
            raise LimitExceeded(
                "max_template_iterations", limits.max_template_iterations, spent, where="template"
            )
    return items


class BoundedEnvironment(SandboxedEnvironment):
    """A sandboxed Jinja environment whose expensive operations are checked before they run.

    Example::

        >>> env = BoundedEnvironment()
        >>> with bounded():
        ...     env.from_string("{{ 'a' * 10 ** 9 }}").render()  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        govinfo_report.errors.LimitExceeded: ...max_template_string...
    """

    intercepted_binops = frozenset({"**", "*", "%"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.globals["range"] = _bounded_range
        lipsum: Callable[..., Any] = self.globals["lipsum"]  # type: ignore[assignment]

        def bounded_lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> Any:
            _check_length(abs(n) * abs(max) * 12)
            return lipsum(n, html, min, max)

        self.globals["lipsum"] = bounded_lipsum
        for name in ("center", "indent", "batch", "slice", "format"):
            self.filters[name] = _bounded_filter(name, self.filters[name])

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        """``**``, ``*`` and ``%`` with their cost checked first; others as Jinja does them."""
        if operator == "**":
            return _power(left, right)
        if operator == "*":
            return _product(left, right)
        if operator == "%":
            return _modulo(left, right)
        return super().call_binop(context, operator, left, right)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """``str.format`` of the sandbox, with its field widths checked first."""
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        pattern = str(value.__self__)

        def checked(*args: Any, **kwargs: Any) -> str:
            _check_format(pattern, args, kwargs)
            return wrapped(*args, **kwargs)

        return checked

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        """A call from the template; padding and replacing methods of text checked first."""
        owner = getattr(__obj, "__self__", None)
        name = getattr(__obj, "__name__", "")
        if isinstance(owner, str) and name in _PADDING:
            for value in (*args, *kwargs.values()):
                if _is_int(value):
                    _check_length(abs(value) * (8 if name == "expandtabs" else 1))
        elif isinstance(owner, str) and name == "replace" and len(args) >= 2:
            old, new = str(args[0]), str(args[1])
            count = owner.count(old) if old else len(owner) + 1
            _check_length(len(owner) + count * len(new))
        return super().call(__context, __obj, *args, **kwargs)


def _bounded_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """A built-in filter whose width, count or format is checked before it runs."""

    def checked(*args: Any, **kwargs: Any) -> Any:
        values = list(args) + list(kwargs.values())
        if name == "format" and args and isinstance(args[0], str):
            _check_percent(args[0], tuple(args[1:]) or kwargs)
        else:
            lines = str(args[0]).count("\n") + 1 if name == "indent" and args else 1
            for value in values[1:]:
                if _is_int(value):
                    _check_length(abs(value) * lines)
        return function(*args, **kwargs)

    checked.__name__ = name
    if hasattr(function, "jinja_pass_arg"):  # slice takes the evaluation context first
        checked.jinja_pass_arg = function.jinja_pass_arg  # type: ignore[attr-defined]
    return checked
