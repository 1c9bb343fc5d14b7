"""YAML: amounts are written as plain numbers and read back exactly as Decimal.

Needs the ``yaml`` extra (PyYAML).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import yaml

from ..errors import Problem, SerializationError
from ..model import AnnualReport
from ._base import structure, unstructure

__all__ = ["dumps", "load_data", "loads"]


# libyaml's C parser and emitter when PyYAML was built with it (about ten times faster).
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SafeDumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Loader(_SafeLoader):  # type: ignore[valid-type,misc]
    """SafeLoader that reads every float as an exact Decimal of the text written."""


def _construct_decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Decimal:
    text = str(loader.construct_scalar(node)).replace("_", "")
    return Decimal(text)


_Loader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)


class _Dumper(_SafeDumper):  # type: ignore[valid-type,misc]
    """SafeDumper that writes Decimal as a plain number and long text as literal blocks."""


def _represent_decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    text = str(value)
    if re.fullmatch(r"-?\d+", text):
        return dumper.represent_scalar("tag:yaml.org,2002:int", text)
    if re.fullmatch(r"-?\d+\.\d+", text):
        return dumper.represent_scalar("tag:yaml.org,2002:float", text)
    return dumper.represent_scalar("tag:yaml.org,2002:str", text)


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(Decimal, _represent_decimal)
_Dumper.add_representer(str, _represent_str)


def dumps(report: AnnualReport) -> str:
    """The report as YAML text, keys in the format's order, Chinese kept readable."""
    return yaml.dump(
        unstructure(report),
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=100,
    )


def load_data(text: str | bytes, *, source: str | None = None) -> Any:
    """The plain data of YAML text (safe loading), floats read as exact ``Decimal``.

    Raises:
        SerializationError: for text that is not YAML.
    """
    try:
        return yaml.load(text, Loader=_Loader)
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise SerializationError(
            [Problem("$", f"不是有效的 YAML / not valid YAML: {exc}")], source=source
        ) from None


def loads(text: str | bytes, *, source: str | None = None) -> AnnualReport:
    """Read a report from YAML text.

    Raises:
        SerializationError: for text that is not YAML, or data that is not a valid report.
    """
    return structure(load_data(text, source=source), source=source)
