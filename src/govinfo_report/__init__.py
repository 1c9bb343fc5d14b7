"""govinfo-report: build, check, render and read 政府信息公开工作年度报告.

The core (taxonomy, identities, findings, model, draft) needs only attrs; the codecs need cattrs.
Rendering, parsing and the command line are separate modules imported on demand::

    import govinfo_report as gr
    report = gr.load("examples/hongqi-2023.yaml")
    report.requests.withheld.state_secret.natural_person
    gr.dumps(report, "json")
"""

from __future__ import annotations

import importlib
import importlib.metadata
from types import ModuleType

from .catalog import RULES, Rule, Severity
from .codec import SCHEMA_VERSION, dumps, loads, structure, unstructure
from .draft import CellStatus, Draft, DraftCell, DraftMetadata, DraftSection
from .errors import (
    FieldTypeError,
    FieldValueError,
    GovInfoReportError,
    InvariantViolation,
    LimitExceeded,
    ParseError,
    Problem,
    RenderError,
    SerializationError,
    TemplateError,
)
from .findings import Finding, SourceRef, Suggestion
from .identities import Identity
from .io import atomic_write, dump, load
from .limits import Limits
from .model import (
    AnnualReport,
    ApplicantCounts,
    Art20Item1,
    Art20Item1V2019,
    Art20Item5,
    Art20Item5V2019,
    Art20Item6,
    Art20Item6V2019,
    Art20Item8,
    Art20Item8V2019,
    Art20Item9V2019,
    CaseOutcomes,
    Cell,
    CellValueError,
    DecisionCount,
    DocumentCounts,
    FeeAmount,
    FeeItems,
    ItemChanges,
    Metadata,
    NotProcessed,
    OtherHandling,
    OtherMatters,
    Overview,
    ProactiveDisclosure,
    ProactiveDisclosure2019,
    ProblemsImprovements,
    Procurement,
    PublishedDocuments,
    Requests,
    ReviewLitigation,
    Unavailable,
    Withheld,
    build_section,
    from_values,
)
from .taxonomy import CellKind, CellSpec, FormatVersion, Scope, cell_specs

__all__ = [
    "RULES",
    "SCHEMA_VERSION",
    "AnnualReport",
    "ApplicantCounts",
    "Art20Item1",
    "Art20Item1V2019",
    "Art20Item5",
    "Art20Item5V2019",
    "Art20Item6",
    "Art20Item6V2019",
    "Art20Item8",
    "Art20Item8V2019",
    "Art20Item9V2019",
    "CaseOutcomes",
    "Cell",
    "CellKind",
    "CellSpec",
    "CellStatus",
    "CellValueError",
    "DecisionCount",
    "DocumentCounts",
    "Draft",
    "DraftCell",
    "DraftMetadata",
    "DraftSection",
    "FeeAmount",
    "FeeItems",
    "FieldTypeError",
    "FieldValueError",
    "Finding",
    "FormatVersion",
    "GovInfoReportError",
    "Identity",
    "InvariantViolation",
    "ItemChanges",
    "LimitExceeded",
    "Limits",
    "Metadata",
    "NotProcessed",
    "OtherHandling",
    "OtherMatters",
    "Overview",
    "ParseError",
    "ProactiveDisclosure",
    "ProactiveDisclosure2019",
    "Problem",
    "ProblemsImprovements",
    "Procurement",
    "PublishedDocuments",
    "RenderError",
    "Requests",
    "ReviewLitigation",
    "Rule",
    "Scope",
    "SerializationError",
    "Severity",
    "SourceRef",
    "Suggestion",
    "TemplateError",
    "Unavailable",
    "Withheld",
    "__version__",
    "atomic_write",
    "build_section",
    "cell_specs",
    "dump",
    "dumps",
    "from_values",
    "load",
    "loads",
    "structure",
    "unstructure",
]

try:
    # The installed version, from the package metadata: its one source is pyproject.toml, and
    # ``govinfo-report --version`` prints this.
    __version__: str = importlib.metadata.version("govinfo-report")
    """The installed version of the library (``0+unknown`` when run from a bare checkout).

    Examples:
        >>> import govinfo_report as gr
        >>> isinstance(gr.__version__, str) and gr.__version__ != ""
        True
    """
except importlib.metadata.PackageNotFoundError:  # pragma: no cover - run from a bare checkout
    __version__ = "0+unknown"

_ADAPTERS = frozenset({"parse", "render", "validate"})


def __getattr__(name: str) -> ModuleType:
    """Import the adapters on first use: ``gr.parse(path)``, ``gr.render.render(report)``.

    They need optional extras (docx, parse), so ``import govinfo_report`` does not load them.
    """
    if name in _ADAPTERS:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
